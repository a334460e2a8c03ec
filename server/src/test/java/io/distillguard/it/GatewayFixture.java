package io.distillguard.it;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.distillguard.app.DistillGuardApp;
import io.distillguard.config.GatewayConfig;
import io.distillguard.config.MeteringConfig;
import io.distillguard.config.ServerConfig;
import io.distillguard.config.UpstreamConfig;
import io.distillguard.demo.ModelSimulator;
import io.distillguard.demo.SimulatorConfig;
import io.distillguard.registry.NewAccount;
import io.distillguard.registry.Tier;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A real DistillGuard process for tests: the model simulator on loopback as the upstream, the gateway with its whole
 * chain, an event store in a temporary data directory, and helpers to create customers and SDK clients.
 */
final class GatewayFixture implements AutoCloseable {
    private static final AtomicInteger TENANTS = new AtomicInteger();
    final Vertx upstreamVertx;
    final ModelSimulator simulator;
    final int upstreamPort;
    final DistillGuardApp app;
    final GatewayConfig config;

    private GatewayFixture(Vertx upstreamVertx, ModelSimulator simulator, int upstreamPort, DistillGuardApp app,
            GatewayConfig config) {
        this.upstreamVertx = upstreamVertx;
        this.simulator = simulator;
        this.upstreamPort = upstreamPort;
        this.app = app;
        this.config = config;
    }

    static GatewayFixture start(Path dataDir) throws Exception {
        return start(dataDir, SimulatorConfig.instant(), c -> c);
    }

    static GatewayFixture start(Path dataDir, SimulatorConfig sim, UnaryOperator<GatewayConfig> customize)
            throws Exception {
        return start(dataDir, sim, customize, DistillGuardApp.Options.defaults());
    }

    static GatewayFixture start(Path dataDir, SimulatorConfig sim, UnaryOperator<GatewayConfig> customize,
            DistillGuardApp.Options options) throws Exception {
        Vertx vertx = Vertx.vertx();
        ModelSimulator simulator = new ModelSimulator(sim);
        int upstreamPort = simulator.start(vertx, "127.0.0.1", 0).await();
        GatewayConfig cfg = customize.apply(GatewayConfig.defaults()
                .withServer(ServerConfig.defaults().withPorts(0, 0))
                .withUpstream(UpstreamConfig.defaults().withBaseUrl("http://127.0.0.1:" + upstreamPort + "/v1"))
                .withMetering(MeteringConfig.defaults().withDataDir(dataDir.toString())
                        .withRetention(MeteringConfig.Retention.ALL)));
        DistillGuardApp app = DistillGuardApp.start(cfg, options);
        return new GatewayFixture(vertx, simulator, upstreamPort, app, cfg);
    }

    /** A new organisation, account (on {@code tier}) and key; returns the key's secret. */
    String newKey(Tier tier) {
        app.registry().putTier(tier).orElseThrow();
        var org = app.registry().createOrg(null, "org-" + TENANTS.incrementAndGet()).orElseThrow();
        var account = app.registry().createAccount(new NewAccount(null, org.id(), tier.name(), "example.com", null,
                null, "web", false)).orElseThrow();
        return app.registry().createKey(account.id(), "test").orElseThrow().secret();
    }

    String newKey() {
        return newKey(roomy("roomy"));
    }

    /** A tier with limits no test reaches. */
    static Tier roomy(String name) {
        return new Tier(name, 1_000_000, 1_000_000_000L, 1_000_000_000L, 1_000_000_000L, 4096);
    }

    OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(app.baseUrl())
                .apiKey(key)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Waits until metering and the detectors have processed everything sent so far, then scores every pending
     * entity as of {@code nowMs} (on the detection thread).
     */
    void drainDetection(long nowMs) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while ((app.pipeline().backlog() > 0 || app.detection().feed().depth() > 0)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        app.detection().query(engine -> {
            engine.flush(nowMs);
            return true;
        }).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    String baseUrl() {
        return app.baseUrl();
    }

    @Override
    public void close() {
        app.close();
        simulator.close();
        upstreamVertx.close().await();
    }
}
