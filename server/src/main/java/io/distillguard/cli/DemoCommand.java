package io.distillguard.cli;

import io.distillguard.app.DistillGuardApp;
import io.distillguard.config.GatewayConfig;
import io.distillguard.config.MeteringConfig;
import io.distillguard.config.ServerConfig;
import io.distillguard.demo.ModelSimulator;
import io.distillguard.demo.SimulatorConfig;
import io.distillguard.sim.run.RealTimeRun;
import io.distillguard.sim.run.ScenarioRunner;
import io.distillguard.sim.scenario.ScenarioLoad;
import io.distillguard.sim.scenario.ScenarioLoader;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code distillguard demo}: the embedded default. Starts the built-in model simulator as the upstream and the gateway
 * in front of it, with a demo organisation and a ready API key, the analyst console, and a live scenario on the wall
 * clock (benign tenants and a hydra distillation campaign, {@code demo/live-scenario.yaml}) so that a new user watches
 * the campaign being linked, scored, alerted and contained; then prints what a user needs to call it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway with a built-in simulated model upstream and a ready demo API key.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Public API port (default: ${DEFAULT-VALUE})", defaultValue = "8080")
    int port;

    @Option(names = "--admin-port", description = "Admin/metrics port (default: port + 1)")
    Integer adminPort;

    @Option(names = "--data-dir", description = "Where state is kept; a second run reuses it (default: ${DEFAULT-VALUE})",
            defaultValue = "distillguard-data")
    Path dataDir;

    @Option(names = "--traffic", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the live scenario (benign tenants and a hydra campaign) against the demo (default: on; "
                    + "--no-traffic turns it off)")
    boolean traffic;

    @Option(names = "--scenario", description = "Scenario YAML to run live instead of the built-in demo scenario "
            + "(format: docs/scenarios.md)")
    Path scenario;

    @Option(names = "--shared", description = "Shared data directory with the real prompt sets the live scenario "
            + "reads (default: ${DEFAULT-VALUE})", defaultValue = "../shared")
    Path shared;

    @Override
    public Integer call() throws Exception {
        Vertx upstreamVertx = Vertx.vertx();
        ModelSimulator simulator = new ModelSimulator(SimulatorConfig.defaults());
        int upstreamPort = simulator.start(upstreamVertx, "127.0.0.1", 0).await();
        GatewayConfig cfg = GatewayConfig.defaults()
                .withServer(ServerConfig.defaults().withPorts(port, adminPort != null ? adminPort : port == 0 ? 0 : port + 1))
                .withUpstream(io.distillguard.config.UpstreamConfig.defaults()
                        .withBaseUrl("http://127.0.0.1:" + upstreamPort + "/v1"))
                .withMetering(MeteringConfig.defaults().withDataDir(dataDir.toString()));
        DistillGuardApp app = DistillGuardApp.start(cfg, DistillGuardApp.Options.defaults());
        DemoTenant tenant = DemoTenant.ensure(app.registry(), dataDir);
        System.out.println();
        System.out.println("DistillGuard demo is running.");
        System.out.println("  Base URL:    " + app.baseUrl());
        System.out.println("  API key:     " + tenant.apiKey() + "   (organisation " + tenant.orgId() + ")");
        System.out.println("  Admin API:   http://127.0.0.1:" + app.adminPort() + "/admin   token: " + app.adminToken());
        System.out.println("  Console:     " + app.consoleUrl() + "   sign-in credential: " + app.adminToken());
        System.out.println("  Metrics:     http://127.0.0.1:" + app.adminPort() + "/metrics");
        System.out.println("  Data dir:    " + dataDir.toAbsolutePath());
        System.out.println("  Upstream:    built-in model simulator at http://127.0.0.1:" + upstreamPort + "/v1");
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl " + app.baseUrl() + "/chat/completions -H 'Authorization: Bearer " + tenant.apiKey()
                + "' -H 'Content-Type: application/json' -d '{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hello!\"}]}'");
        RealTimeRun live = traffic ? startLiveScenario(app) : null;
        System.out.println();
        System.out.println("Press Ctrl-C to stop (usage is flushed to the data dir on exit).");
        ServeCommand.awaitShutdown(app, () -> {
            if (live != null) {
                live.close();
            }
            simulator.close();
            upstreamVertx.close().await();
        });
        return 0;
    }

    /** Starts the live scenario, or says why it cannot run (the demo itself keeps running). */
    private RealTimeRun startLiveScenario(DistillGuardApp app) throws IOException {
        String text;
        String source;
        if (scenario != null) {
            text = Files.readString(scenario);
            source = scenario.toString();
        } else {
            try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/live-scenario.yaml")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            source = "demo/live-scenario.yaml";
        }
        ScenarioLoad load = ScenarioLoader.withShared(shared).parse(text, source);
        if (load instanceof ScenarioLoad.Invalid invalid) {
            System.out.println("  Live traffic: not started: " + invalid.message());
            return null;
        }
        var loaded = (ScenarioLoad.Loaded) load;
        try {
            RealTimeRun run = ScenarioRunner.startRealTime(loaded.scenario(), app.baseUrl(), app.registry());
            System.out.println("  Live traffic: scenario '" + loaded.scenario().name() + "' ("
                    + loaded.scenario().populations().size() + " populations, "
                    + loaded.scenario().populations().stream().mapToInt(p -> p.accounts()).sum()
                    + " accounts) is running; watch it in the console");
            return run;
        } catch (RuntimeException e) {
            System.out.println("  Live traffic: not started: " + e.getMessage()
                    + " (the live scenario reads real prompt sets from --shared " + shared.toAbsolutePath().normalize()
                    + "; --no-traffic runs the demo without it)");
            return null;
        }
    }
}
