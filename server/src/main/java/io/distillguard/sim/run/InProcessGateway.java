package io.distillguard.sim.run;

import io.distillguard.app.DistillGuardApp;
import io.distillguard.config.GatewayConfig;
import io.distillguard.config.IdentityConfig;
import io.distillguard.config.MeteringConfig;
import io.distillguard.config.ServerConfig;
import io.distillguard.config.UpstreamConfig;
import io.distillguard.demo.ModelSimulator;
import io.distillguard.demo.SimulatedModel;
import io.distillguard.demo.SimulatorConfig;
import io.distillguard.policy.decision.Decision;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The gateway under test in this JVM: the model simulator (no pacing; answers fill max_tokens with filler text, so
 * planned tokens are what a served request obtains and answering costs next to nothing; serves {@value #RELEASE_MODEL},
 * a model nobody uses before a release pivot) and DistillGuard on the harness's clock (virtual, or the system clock in
 * real time), configured for one {@link Defence}. Records every alert and enforced decision with its virtual time.
 */
public final class InProcessGateway implements AutoCloseable {
    public static final String RELEASE_MODEL = "sim-next";
    public static final String FINGERPRINT_HEADER = "X-Client-Fingerprint";

    private final Vertx upstreamVertx;
    private final ModelSimulator simulator;
    private final DistillGuardApp app;
    private final java.time.Clock clock;
    private final List<Observed> observed = new CopyOnWriteArrayList<>();
    private final Map<String, String> accountOfKey = new ConcurrentHashMap<>();
    private final HeldEvents held;
    private final SequencedQuotas sequenced;
    private final boolean detectionOn;

    private InProcessGateway(Vertx upstreamVertx, ModelSimulator simulator, DistillGuardApp app, java.time.Clock clock,
            HeldEvents held, SequencedQuotas sequenced, boolean detectionOn) {
        this.upstreamVertx = upstreamVertx;
        this.simulator = simulator;
        this.app = app;
        this.clock = clock;
        this.held = held;
        this.sequenced = sequenced;
        this.detectionOn = detectionOn;
    }

    public static InProcessGateway start(Defence defence, Path dataDir, java.time.Clock clock) throws Exception {
        return start(defence, dataDir, clock, null);
    }

    /** Starts it with {@code asnDatabase} (see {@link AsnDatabaseFile}) as its ASN database, when not null. */
    public static InProcessGateway start(Defence defence, Path dataDir, java.time.Clock clock, Path asnDatabase)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        List<SimulatedModel> models = new ArrayList<>(SimulatorConfig.DEFAULT_MODELS);
        models.add(SimulatedModel.chat(RELEASE_MODEL));
        SimulatorConfig d = SimulatorConfig.instant();
        SimulatorConfig sim = new SimulatorConfig(d.seed(), models, 0, 0, 0, d.maxOutputTokens(), 0,
                d.maxOutputTokens(), false, false, true);
        ModelSimulator simulator = new ModelSimulator(sim);
        int upstreamPort = simulator.start(vertx, "127.0.0.1", 0).await();
        warmUp(upstreamPort);
        GatewayConfig cfg = defence.apply(GatewayConfig.defaults()
                .withServer(ServerConfig.defaults().withPorts(0, 0))
                .withUpstream(UpstreamConfig.defaults().withBaseUrl("http://127.0.0.1:" + upstreamPort + "/v1"))
                .withIdentity(new IdentityConfig(List.of("127.0.0.0/8"), FINGERPRINT_HEADER,
                        asnDatabase == null ? null : asnDatabase.toString()))
                .withMetering(MeteringConfig.defaults().withDataDir(dataDir.toString())));
        // On a virtual clock: each request carries its planned time (RequestTimeClock) and detection is fed by the
        // harness at its barriers, in planned order (HeldEvents); in real time the gateway runs as in production.
        boolean virtual = clock instanceof io.distillguard.time.VirtualClock;
        HeldEvents held = virtual ? new HeldEvents() : null;
        var sequenced = new java.util.concurrent.atomic.AtomicReference<SequencedQuotas>();
        DistillGuardApp.Options options = virtual
                ? DistillGuardApp.Options.defaults().withClock(new io.distillguard.gateway.RequestTimeClock(clock))
                        .withExtraSinks(List.of(held)).withCallerFedDetection()
                        .withQuotasWrapper(q -> {
                            sequenced.set(new SequencedQuotas(q));
                            return sequenced.get();
                        })
                : DistillGuardApp.Options.defaults().withClock(clock);
        DistillGuardApp app;
        try {
            app = DistillGuardApp.start(cfg, options);
        } catch (Exception e) {
            simulator.close();
            vertx.close().await();
            throw e;
        }
        InProcessGateway gw = new InProcessGateway(vertx, simulator, app, clock, held, sequenced.get(),
                cfg.detection().enabled());
        gw.listen();
        return gw;
    }

    /** One answer from the simulator before timing starts: it loads its lexicon on the first request. */
    private static void warmUp(int upstreamPort) throws Exception {
        String body = "{\"model\":\"sim-small\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Explain step by step why the sky is blue.\"}]}";
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + upstreamPort
                            + "/v1/chat/completions")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    private void listen() {
        app.detection().onAlert(a -> observed.add(new Observed.AlertSeen(clock.millis(), a.entityId(), a.score(),
                List.copyOf(a.accounts()), a.signals().stream().filter(s -> s.contribution() > 0)
                        .map(s -> s.reading().signal()).toList())));
        app.policy().runtime().onDecision(this::decided);
    }

    private void decided(Decision d) {
        if (!d.enforced()) {
            return;
        }
        List<String> accounts = switch (d.scope().type()) {
            case ACCOUNT -> List.of(d.scope().id());
            case KEY -> accountOfKey.containsKey(d.scope().id()) ? List.of(accountOfKey.get(d.scope().id())) : List.of();
            case ENTITY -> d.evidence().accounts();
        };
        observed.add(new Observed.DecisionSeen(clock.millis(), d.action(), d.severity().ordinal(),
                d.scope().toString(), accounts));
    }

    /**
     * For a gateway on the wall clock (real time, or the target of a remote run): waits until metering and the
     * detection queue are empty, then scores every pending entity at {@code nowMs}.
     */
    public void drain(long nowMs) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while ((app.pipeline().backlog() > 0 || app.detection().feed().depth() > 0)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
        app.detection().score(nowMs).get(60, TimeUnit.SECONDS);
    }

    public DistillGuardApp app() {
        return app;
    }

    public List<Observed> observed() {
        return List.copyOf(observed);
    }

    void keyCreated(String keyId, String accountId) {
        accountOfKey.put(keyId, accountId);
    }

    /** The held usage events of a virtual-time run (null in real time). */
    HeldEvents held() {
        return held;
    }

    /** The quotas that admit requests sharing a scope in planned order (virtual-time runs; null in real time). */
    SequencedQuotas sequenced() {
        return sequenced;
    }

    /**
     * A barrier at {@code nowMs}, with every request sent so far metered: applies the held quota settlements in
     * planned order, hands the held events to detection in
     * planned order (when this defence detects), scores pending entities at {@code nowMs}, and returns the events
     * (each with the timestamp the gateway stamped). Alerts and decisions it causes are made here, with the clock at
     * {@code nowMs}, and reach the requests planned after it.
     */
    List<io.distillguard.event.UsageEvent> barrier(long nowMs) throws Exception {
        sequenced.barrier();
        List<io.distillguard.event.UsageEvent> events = held.takeInPlannedOrder();
        if (detectionOn) {
            app.detection().processInOrder(events).get(600, TimeUnit.SECONDS);
            app.detection().score(nowMs).get(60, TimeUnit.SECONDS);
        }
        return events;
    }

    @Override
    public void close() {
        app.close();
        simulator.close();
        upstreamVertx.close().await();
    }
}
