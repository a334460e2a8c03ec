package io.distillguard.cli;

import io.distillguard.demo.ModelSimulator;
import io.distillguard.demo.SimulatorConfig;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillguard model-sim}: runs the built-in OpenAI-compatible model simulator alone (benchmarks, trials). */
@Command(name = "model-sim", mixinStandardHelpOptions = true,
        description = "Run the built-in OpenAI-compatible model simulator on its own.")
final class ModelSimCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE})", defaultValue = "8090")
    int port;

    @Option(names = "--host", description = "Bind address (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--fixed", description = "Answer every request instantly with one small constant completion")
    boolean fixed;

    @Option(names = "--no-pacing", description = "Answer instantly instead of pacing tokens like a real model")
    boolean noPacing;

    @Override
    public Integer call() throws Exception {
        SimulatorConfig cfg = SimulatorConfig.defaults().withFixedResponse(fixed).withPacing(!(fixed || noPacing));
        Vertx vertx = Vertx.vertx();
        ModelSimulator sim = new ModelSimulator(cfg);
        int bound = sim.start(vertx, host, port).await();
        System.out.println("Model simulator listening on http://" + host + ":" + bound + "/v1");
        ServeCommand.awaitShutdown(() -> {
            sim.close();
            vertx.close().await();
        });
        return 0;
    }
}
