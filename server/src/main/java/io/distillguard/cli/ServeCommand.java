package io.distillguard.cli;

import io.distillguard.app.DistillGuardApp;
import io.distillguard.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillguard serve}: runs the gateway from a config file until stopped (SIGTERM/Ctrl-C drain cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway in front of an upstream model API.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", description = "YAML config file (default: ${DEFAULT-VALUE})", defaultValue = "distillguard.yaml")
    Path config;

    @Option(names = "--port", description = "Override server.port")
    Integer port;

    @Override
    public Integer call() throws Exception {
        GatewayConfig cfg = Files.exists(config) ? GatewayConfig.load(config) : null;
        if (cfg == null) {
            System.err.println("distillguard: config file " + config + " not found");
            return 2;
        }
        if (port != null) {
            cfg = cfg.withServer(cfg.server().withPorts(port, cfg.server().adminPort()));
        }
        DistillGuardApp app = DistillGuardApp.start(cfg, DistillGuardApp.Options.defaults());
        System.out.println("DistillGuard listening on " + app.baseUrl());
        System.out.println("Admin API and metrics on http://" + cfg.server().adminHost() + ":" + app.adminPort());
        if (cfg.admin().token() == null && System.getenv("DISTILLGUARD_ADMIN_TOKEN") == null) {
            System.out.println("Admin token (generated, set admin.token to fix it): " + app.adminToken());
        }
        awaitShutdown(app);
        return 0;
    }

    /** Blocks until the JVM is asked to stop, then closes {@code app} so nothing metered is lost. */
    static void awaitShutdown(AutoCloseable... closeables) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        stopped.await();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("distillguard: error on shutdown: " + e);
            }
        }
        closed.countDown();
    }
}
