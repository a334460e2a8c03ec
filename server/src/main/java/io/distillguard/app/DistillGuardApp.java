package io.distillguard.app;

import io.distillguard.config.EventsConfig;
import io.distillguard.config.GatewayConfig;
import io.distillguard.console.AlertTriageStore;
import io.distillguard.console.Console;
import io.distillguard.console.ConsoleServices;
import io.distillguard.console.LiveRates;
import io.distillguard.console.RiskHistory;
import io.distillguard.config.MeteringConfig;
import io.distillguard.enforce.PolicyService;
import io.distillguard.event.UsageEventSink;
import io.distillguard.alert.JsonlAlertSink;
import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.feature.BenchmarkIndex;
import io.distillguard.feature.FeatureConfig;
import io.distillguard.config.DetectionSettings;
import io.distillguard.detect.signal.SemanticConfig;
import io.distillguard.metering.EmbeddingStage;
import io.distillguard.monitor.AlertFindings;
import io.distillguard.semantic.BenignReferenceLoader;
import io.distillguard.semantic.EmbeddingSampler;
import io.distillguard.semantic.MiniLmEmbedder;
import io.distillguard.semantic.SamplerConfig;
import io.distillguard.monitor.DetectionService;
import io.distillguard.monitor.PolicyBridge;
import io.distillguard.monitor.RegistryAccountDirectory;
import io.distillguard.feature.PromptFeatureExtractor;
import io.distillguard.gateway.FilterChain;
import io.distillguard.gateway.GatewayMetrics;
import io.distillguard.gateway.GatewayVerticle;
import io.distillguard.gateway.filter.AdmissionFilter;
import io.distillguard.gateway.filter.AuthenticationFilter;
import io.distillguard.gateway.filter.MeteringFilter;
import io.distillguard.gateway.filter.OverloadFilter;
import io.distillguard.gateway.filter.StreamUsageFilter;
import io.distillguard.gateway.filter.UsageCaptureFilter;
import io.distillguard.limit.InMemoryBucketStore;
import io.distillguard.limit.FailoverQuotas;
import io.distillguard.limit.InMemoryStoreConfig;
import io.distillguard.limit.QuotaEnforcer;
import io.distillguard.limit.Quotas;
import io.distillguard.limit.RedisBucketStore;
import io.distillguard.config.LimitsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.distillguard.kafka.KafkaUsageEventSink;
import io.distillguard.link.EntityResolver;
import io.distillguard.metering.DetectionFeed;
import io.distillguard.metering.MeteringPipeline;
import io.distillguard.metering.TokenCounter;
import io.distillguard.registry.Registry;
import io.distillguard.store.Database;
import io.distillguard.store.EventStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of one DistillGuard process (embedded mode): opens the data directory, builds the registry,
 * quotas, metering pipeline and event store, deploys the gateway on every event loop and the admin/ops server, and
 * shuts it all down in the order that loses nothing (stop accepting, finish requests, drain metering, flush the store).
 */
public final class DistillGuardApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DistillGuardApp.class);

    private final GatewayConfig config;
    private final Vertx vertx;
    private final Database database;
    private final EventStore store;
    private final Registry registry;
    private final Quotas quotas;
    private final MeteringPipeline pipeline;
    private final DetectionService detection;
    private final java.io.Writer alertLog;
    private final PrometheusMeterRegistry prometheus;
    private final String adminToken;
    private final PolicyService policy;
    private final KafkaUsageEventSink kafkaSink;
    private final io.distillguard.enforce.DecisionTopicConsumer decisionsConsumer;
    /** Distributed mode: the detection job's entities, learnt from its decisions (null in embedded mode). */
    private final io.distillguard.enforce.JobEntities jobEntities;
    private final LiveRates liveRates;
    private final RiskHistory riskHistory = new RiskHistory(10_000, 120);
    private final AlertTriageStore triage;
    private int port;
    private int adminPort;

    private DistillGuardApp(GatewayConfig config, Options options) throws IOException {
        this.config = config;
        Path dataDir = Path.of(config.metering().dataDir());
        Files.createDirectories(dataDir);
        this.database = Database.open(dataDir);
        this.store = new EventStore(database, io.distillguard.store.EventStoreConfig.DEFAULTS);
        this.registry = Registry.open(database, options.clock());
        this.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.quotas = options.quotasWrapper().apply(quotas(config.limits(), options.clock(), prometheus));
        List<UsageEventSink> sinks = new ArrayList<>();
        if (config.events().embeddedStoreReceivesEvents()) {
            sinks.add(store);
        }
        this.kafkaSink = kafkaSink(config, dataDir, prometheus);
        if (kafkaSink != null) {
            sinks.add(kafkaSink);
        }
        Path alertFile = config.detection().alertLog() != null ? Path.of(config.detection().alertLog())
                : dataDir.resolve("alerts.jsonl");
        this.alertLog = Files.newBufferedWriter(alertFile, java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        JsonlAlertSink alertFileSink = new JsonlAlertSink(alertLog);
        RegistryAccountDirectory directory = new RegistryAccountDirectory(registry);
        List<io.distillguard.detect.signal.Signal> signals = detectionSignals(config.detection());
        DetectionConfig detectionConfig = detectionConfig(config.detection());
        this.detection = new DetectionService(sink -> new DetectionEngine(detectionConfig, directory, signals, sink,
                        options.clock(), new io.distillguard.detect.state.InMemoryStateStore<>(),
                        new io.distillguard.detect.state.InMemoryStateStore<>(),
                        new io.distillguard.link.AccountLinker(detectionConfig.link())),
                options.clock(), config.metering().detectionQueue(),
                options.callerFedDetection() ? Long.MAX_VALUE : 5_000);
        if (config.identity().asnDatabase() != null) {
            detection.setAsnLookup(asnLookup(config.identity()));
        }
        detection.onAlert(alertFileSink::onAlert);
        if (config.detection().enabled() && !options.callerFedDetection()) {
            sinks.add(detection);
        }
        sinks.addAll(options.extraSinks());
        this.liveRates = new LiveRates(options.clock());
        sinks.add(liveRates);
        this.triage = AlertTriageStore.open(database);
        PromptFeatureExtractor extractor = new PromptFeatureExtractor(FeatureConfig.DEFAULTS,
                benchmarkIndex(config.detection().benchmarkFiles()));
        EmbeddingStage embeddings = config.detection().embeddings()
                ? new EmbeddingStage(new EmbeddingSampler(SamplerConfig.DEFAULTS, options.clock()), MiniLmEmbedder::new)
                : null;
        this.pipeline = new MeteringPipeline(config.metering().queueCapacity(), extractor::extract, embeddings, sinks,
                options.callerFedDetection() ? DistillGuardApp::harnessSequence : null);
        this.adminToken = config.admin().token() != null ? config.admin().token()
                : System.getenv("DISTILLGUARD_ADMIN_TOKEN") != null ? System.getenv("DISTILLGUARD_ADMIN_TOKEN")
                : "adm-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        this.policy = new PolicyService(config.policy(), config.alerting(), config.metering().dataDir(), vertx,
                prometheus, options.clock());
        PolicyBridge bridge = new PolicyBridge(policy.runtime(), registry, options.clock());
        detection.onEvent(bridge::onEvent);
        detection.onAlert(bridge::onAlert);
        detection.onRiskScore(bridge::onRiskScore);
        detection.onRiskScore((score, members) -> riskHistory.record(score));
        detection.onAlert(alert -> policy.sinks().forEach(s -> s.publish(AlertFindings.of(alert))));
        boolean distributed = config.detection().mode() == DetectionSettings.Mode.DISTRIBUTED;
        if (config.detection().enabled() && !distributed) {
            registry.onAccountCreated(account -> detection.registerAccount(account.id()));
        }
        this.jobEntities = distributed ? new io.distillguard.enforce.JobEntities(
                options.entities() != null ? options.entities()
                        : config.detection().enabled() ? detection.resolver() : EntityResolver.identity())
                : null;
        this.decisionsConsumer = distributed
                ? new io.distillguard.enforce.DecisionTopicConsumer(config.detection().distributed(),
                        policy.runtime(), jobEntities).start()
                : null;
        registerGauges();
    }

    /** Extension points a caller (tests, the simulator) may set; production uses {@link #defaults()}. */
    /**
     * @param clock      the clock of the gateway, quotas and detectors (a {@code VirtualClock} in simulations)
     * @param entities   an entity resolver replacing the linking engine's (tests), or null
     * @param extraSinks more receivers of every usage event
     * @param callerFedDetection the caller feeds detection itself ({@link DetectionService#processInOrder}) and scores
     *                   it ({@link DetectionService#score}): the detectors are not a metering sink and never score on a
     *                   timer; and metering builds events in the order of the caller's request numbers ({@code sim_N}
     *                   ids). The evaluation harness uses it so that features and detection see requests in planned
     *                   order and act at the same virtual times run after run.
     * @param quotasWrapper wraps the quotas the gateway admits and settles requests with (identity when null)
     */
    public record Options(Clock clock, EntityResolver entities, List<UsageEventSink> extraSinks,
            boolean callerFedDetection, java.util.function.UnaryOperator<Quotas> quotasWrapper) {
        public Options {
            quotasWrapper = quotasWrapper == null ? q -> q : quotasWrapper;
        }

        public Options(Clock clock, EntityResolver entities, List<UsageEventSink> extraSinks,
                boolean callerFedDetection) {
            this(clock, entities, extraSinks, callerFedDetection, null);
        }

        public Options(Clock clock, EntityResolver entities, List<UsageEventSink> extraSinks) {
            this(clock, entities, extraSinks, false);
        }

        public static Options defaults() {
            return new Options(Clock.systemUTC(), null, List.of());
        }

        public Options withClock(Clock c) {
            return new Options(c, entities, extraSinks, callerFedDetection, quotasWrapper);
        }

        public Options withExtraSinks(List<UsageEventSink> sinks) {
            return new Options(clock, entities, sinks, callerFedDetection, quotasWrapper);
        }

        public Options withCallerFedDetection() {
            return new Options(clock, entities, extraSinks, true, quotasWrapper);
        }

        /** Wraps the gateway's quotas (the evaluation harness orders admissions per scope in planned order). */
        public Options withQuotasWrapper(java.util.function.UnaryOperator<Quotas> wrapper) {
            return new Options(clock, entities, extraSinks, callerFedDetection, wrapper);
        }
    }

    /** The harness's number of a request ({@code sim_N} ids, see RequestTimeClock), or -1. */
    private static long harnessSequence(io.distillguard.metering.MeteringRecord r) {
        String id = r.requestId();
        if (id == null || !id.startsWith("sim_")) {
            return -1;
        }
        try {
            return Long.parseLong(id, 4, id.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The Kafka event sink when {@code events.sink: kafka}, spooling under the data dir unless a spool dir is set. */
    private static KafkaUsageEventSink kafkaSink(GatewayConfig config, Path dataDir, PrometheusMeterRegistry metrics) {
        EventsConfig events = config.events();
        if (events.sink() != EventsConfig.Sink.KAFKA) {
            return null;
        }
        Path spoolDir = events.spool().dir() != null ? Path.of(events.spool().dir()) : dataDir.resolve("kafka-spool");
        return KafkaUsageEventSink.start(events.kafka(), events.spool(), spoolDir, metrics);
    }

    /** The configured ASN database (identity.asnDatabase), or a lookup that knows nothing. */
    private static io.distillguard.link.AsnLookup asnLookup(io.distillguard.config.IdentityConfig identity)
            throws IOException {
        if (identity.asnDatabase() == null) {
            return io.distillguard.link.AsnLookup.NONE;
        }
        long t0 = System.nanoTime();
        var table = io.distillguard.link.AsnTable.load(Path.of(identity.asnDatabase()));
        LOG.info("ASN database loaded from {}: {} ranges in {} ms", identity.asnDatabase(), table.size(),
                (System.nanoTime() - t0) / 1_000_000);
        return table;
    }

    /** Default engine settings with the configured weight overrides; linking off = no pair ever reaches the bar. */
    private static DetectionConfig detectionConfig(DetectionSettings settings) {
        DetectionConfig d = DetectionConfig.defaults();
        java.util.Map<String, Double> weights = new java.util.HashMap<>(d.weights());
        weights.putAll(settings.weights());
        return new DetectionConfig(d.alertThreshold(), d.riskUpdateDelta(), d.alertUpdateDelta(), d.scoreEveryEvents(),
                d.scoreIntervalMs(), d.maxMembersScored(), d.maxTokensCeiling(), d.minRequests(), weights,
                settings.linking() ? d.link() : d.link().withLinkThreshold(1.0));
    }

    /** The configured signals (all by default), plus the semantic signal when a benign reference is configured. */
    private static List<io.distillguard.detect.signal.Signal> detectionSignals(DetectionSettings settings)
            throws IOException {
        List<io.distillguard.detect.signal.Signal> all = allSignals(settings);
        if (settings.signals().isEmpty()) {
            return all;
        }
        List<io.distillguard.detect.signal.Signal> chosen = all.stream()
                .filter(s -> settings.signals().contains(s.name())).toList();
        if (chosen.size() != settings.signals().size()) {
            throw new IllegalArgumentException("detection.signals names an unknown signal: " + settings.signals()
                    + "; known: " + all.stream().map(io.distillguard.detect.signal.Signal::name).toList());
        }
        return chosen;
    }

    private static List<io.distillguard.detect.signal.Signal> allSignals(DetectionSettings settings)
            throws IOException {
        if (settings.semanticReference() == null) {
            return io.distillguard.detect.signal.Signals.defaults();
        }
        long t0 = System.nanoTime();
        var reference = BenignReferenceLoader.fromPromptsFile(Path.of(settings.semanticReference()),
                new MiniLmEmbedder(), 256, SemanticConfig.PROJECTION_SEED);
        LOG.info("semantic reference loaded from {} in {} ms", settings.semanticReference(),
                (System.nanoTime() - t0) / 1_000_000);
        return io.distillguard.detect.signal.Signals.withSemantic(reference);
    }

    private static java.util.Optional<BenchmarkIndex> benchmarkIndex(List<String> files) {
        if (files.isEmpty()) {
            return java.util.Optional.empty();
        }
        long t0 = System.nanoTime();
        BenchmarkIndex index = BenchmarkIndex.load(files.stream().map(Path::of).toList());
        LOG.info("benchmark index loaded from {} in {} ms", files, (System.nanoTime() - t0) / 1_000_000);
        return java.util.Optional.of(index);
    }

    /** Starts everything and returns once both ports listen. */
    public static DistillGuardApp start(GatewayConfig config, Options options) throws Exception {
        DistillGuardApp app = new DistillGuardApp(config, options);
        try {
            app.deploy(options);
        } catch (Exception e) {
            app.close();
            throw e;
        }
        return app;
    }

    /**
     * Limits in this process alone ({@code memory}), or shared by every replica in Redis with in-memory buckets for the
     * scopes that fail open while Redis is unreachable.
     */
    private static Quotas quotas(LimitsConfig limits, Clock clock, MeterRegistry meters) {
        QuotaEnforcer local = new QuotaEnforcer(new InMemoryBucketStore(clock, InMemoryStoreConfig.DEFAULT));
        if (limits.store() == LimitsConfig.Store.MEMORY) {
            return local;
        }
        var redis = limits.redis();
        return new FailoverQuotas(new QuotaEnforcer(new RedisBucketStore(clock, redis)), local,
                redis.effectiveFailModes(), redis.retryIntervalMs(), meters);
    }

    private void deploy(Options options) throws Exception {
        port = config.server().port() == 0 ? freePort(config.server().host()) : config.server().port();
        int instances = config.server().eventLoops() > 0 ? config.server().eventLoops()
                : Runtime.getRuntime().availableProcessors();
        TokenCounter tokens = new TokenCounter();
        tokens.count("warm up the tokenizer's vocabulary before the first request");
        GatewayMetrics metrics = new GatewayMetrics(prometheus);
        MeteringConfig.Retention retention = config.metering().retention();
        var meteringFilter = new MeteringFilter(pipeline, quotas, tokens,
                ex -> retention == MeteringConfig.Retention.ALL
                        || retention == MeteringConfig.Retention.FLAGGED && PolicyService.flagged(ex), metrics);
        var decisions = policy.decisionFilter();
        var chain = new FilterChain(
                List.of(new OverloadFilter(this::saturated),
                        new AuthenticationFilter(registry, jobEntities != null ? jobEntities
                                : options.entities() != null ? options.entities()
                                : config.detection().enabled() ? detection.resolver() : EntityResolver.identity()),
                        decisions,
                        new AdmissionFilter(quotas, config.limits(), tokens, decisions.limitScaler()),
                        new StreamUsageFilter()),
                responseFilters(meteringFilter, tokens));
        vertx.deployVerticle(() -> new GatewayVerticle(config, port, upstream -> chain, options.clock()),
                        new DeploymentOptions().setInstances(instances))
                .await();
        AdminServer admin = new AdminServer(vertx, registry, detection, prometheus, adminToken, this::ready,
                io.distillguard.admin.PolicyAdminApi.router(vertx, policy, adminToken),
                Console.router(vertx, new ConsoleServices(registry, detection, policy, store, pipeline, liveRates,
                        riskHistory, triage, options.clock()), adminToken, config.admin().console()));
        adminPort = admin.listen(config.server().adminHost(), config.server().adminPort()).await();
        LOG.atInfo().addKeyValue("port", port).addKeyValue("admin_port", adminPort)
                .addKeyValue("upstream", config.upstream().baseUrl()).addKeyValue("event_loops", instances)
                .log("DistillGuard gateway started");
    }

    /** Usage capture first (it meters what the upstream sent), then the watermark when enabled, then metering. */
    /** Usage capture sees the upstream's bytes first; the policy's degrader and the watermark transform; metering last. */
    private List<io.distillguard.gateway.ResponseFilter> responseFilters(MeteringFilter meteringFilter,
            TokenCounter tokens) {
        List<io.distillguard.gateway.ResponseFilter> filters = new ArrayList<>(List.of(new UsageCaptureFilter(),
                policy.responseFilter(tokens)));
        if (config.watermark().enabled()) {
            filters.add(io.distillguard.gateway.filter.WatermarkFilter.of(config.watermark()));
        }
        filters.add(meteringFilter);
        return filters;
    }

    private boolean ready() {
        return !saturated();
    }

    /** True while usage cannot be recorded: the metering backlog is full or the Kafka spool is (with reject). */
    private boolean saturated() {
        return pipeline.saturated() || kafkaSink != null && kafkaSink.saturated();
    }

    private void registerGauges() {
        Gauge.builder("distillguard_metering_backlog", pipeline, MeteringPipeline::backlog).register(prometheus);
        Gauge.builder("distillguard_detection_queue_depth", detection.feed(), DetectionFeed::depth).register(prometheus);
        Gauge.builder("distillguard_detection_events_shed", detection.feed(), DetectionFeed::shed).register(prometheus);
        Gauge.builder("distillguard_store_events_written", store, EventStore::eventsWritten).register(prometheus);
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    /** The analyst console's address (sign in with {@link #adminToken()}). */
    public String consoleUrl() {
        return "http://" + config.server().adminHost() + ":" + adminPort + "/console/";
    }

    public String adminToken() {
        return adminToken;
    }

    public String baseUrl() {
        return "http://" + config.server().host() + ":" + port + "/v1";
    }

    public Registry registry() {
        return registry;
    }

    public EventStore store() {
        return store;
    }

    public Quotas quotas() {
        return quotas;
    }

    public DetectionService detection() {
        return detection;
    }

    public MeteringPipeline pipeline() {
        return pipeline;
    }

    /** The Kafka event sink, when {@code events.sink: kafka}. */
    public java.util.Optional<KafkaUsageEventSink> kafkaSink() {
        return java.util.Optional.ofNullable(kafkaSink);
    }

    /** The reader of the distributed job's decisions topic, or null in embedded mode. */
    /** Distributed mode: the detection job's entities learnt from its decisions; null in embedded mode. */
    public io.distillguard.enforce.JobEntities jobEntities() {
        return jobEntities;
    }

    public io.distillguard.enforce.DecisionTopicConsumer decisionsConsumer() {
        return decisionsConsumer;
    }

    /** The policy side: {@code policy().runtime().evaluate(input)} makes decisions the gateway enforces. */
    public PolicyService policy() {
        return policy;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Stops taking requests, lets in-flight ones finish metering, drains the pipeline and flushes the store. */
    @Override
    public void close() {
        // 1. stop taking API requests (in-flight ones complete and are metered)
        for (String id : vertx.deploymentIDs()) {
            try {
                vertx.undeploy(id).await();
            } catch (Exception e) {
                LOG.warn("undeploy {}: {}", id, e.toString());
            }
        }
        // 2. drain metering into the store and the detectors; 3. final detection pass (alerts -> policy, findings)
        pipeline.close();
        if (kafkaSink != null) {
            kafkaSink.close();
        }
        detection.close();
        if (decisionsConsumer != null) {
            try {
                decisionsConsumer.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // 4. policy: flush costs, close the audit log and finding sinks (webhooks still have Vert.x)
        policy.close();
        try {
            vertx.close().await();
        } catch (Exception e) {
            LOG.warn("vert.x close: {}", e.toString());
        }
        if (quotas instanceof AutoCloseable sharedLimits) {
            try {
                sharedLimits.close();
            } catch (Exception e) {
                LOG.warn("limit store close: {}", e.toString());
            }
        }
        try {
            alertLog.close();
        } catch (IOException e) {
            LOG.warn("alert log close: {}", e.toString());
        }
        store.close();
        triage.close();
        registry.close();
        database.close();
        LOG.info("DistillGuard stopped; {} requests metered", pipeline.processed());
    }
}
