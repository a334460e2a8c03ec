package io.distillguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.alert.JsonlAlertSink;
import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventCodec;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.DecisionCodec;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The hydra scenario produced to Kafka (2 partitions, keyed by account, one event in twenty redelivered) and run
 * through the job in Flink's MiniCluster at parallelism 2: the alerts (with their accounts and link reasons) equal those of the embedded engine on the same
 * events, a decision for the campaign reaches the decisions topic, and a run killed after a checkpoint and restored
 * from it (RocksDB state backend, incremental checkpoints on disk) produces the same alerts as the uninterrupted run.
 * One broker and one MiniCluster serve the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectionJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-03T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaBroker kafka;
    private HydraScenario scenario;
    private MapDirectory directory;
    private String policy;
    private final List<String> embeddedAlerts = new ArrayList<>();
    private DetectionEngine embedded;

    @BeforeAll
    void setUp() throws Exception {
        scenario = new HydraScenario(30, 1);
        directory = new MapDirectory(scenario.profiles);
        policy = new String(DecisionCodec.class.getResourceAsStream("/policies/default.yaml").readAllBytes(), StandardCharsets.UTF_8);
        StringWriter lines = new StringWriter();
        embedded = DetectionEngine.inMemory(DetectionConfig.defaults(), directory, new JsonlAlertSink(lines), CLOCK);
        EventTimeDriver driver = new EventTimeDriver(config("x").flushEveryMs());
        for (UsageEvent e : scenario.events) {
            driver.onEvent(embedded, e);
        }
        driver.end(embedded);
        embeddedAlerts.addAll(lines.toString().lines().toList());

        System.out.printf("scenario and embedded run: %d events, %d alerts%n", scenario.events.size(),
                embeddedAlerts.size());
        kafka = new KafkaBroker();
        kafka.createTopic("usage", 2, false);
        // Every 20th position also redelivers an event sent three before it, as a gateway does after a producer
        // replacement (at least once): the job must drop them and still equal the embedded run on the originals.
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < scenario.events.size(); i++) {
            records.add(record(scenario.events.get(i)));
            if (i % 20 == 19) {
                records.add(record(scenario.events.get(i - 3)));
            }
        }
        kafka.produce("usage", records);
    }

    private static Map.Entry<String, byte[]> record(UsageEvent e) {
        return new AbstractMap.SimpleEntry<>(e.accountId(), UsageEventCodec.encode(e));
    }

    @AfterAll
    void tearDown() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * A run name not used before in this broker: surefire reruns a failed test (flink/pom.xml), and a rerun needs its
     * own topics and consumer group.
     */
    private static String fresh(String name) {
        return name + RUNS.incrementAndGet();
    }

    private DetectionJobConfig config(String run) {
        return new DetectionJobConfig(kafka == null ? "localhost:1" : kafka.bootstrap(), "usage", "alerts-" + run,
                "decisions-" + run, "detection-" + run, 5_000, 60_000, 200, 2, policy == null ? "" : policy);
    }

    private void runJob(String run, boolean injectFailure, Configuration conf) throws Exception {
        kafka.createTopic("alerts-" + run, 1, false);
        kafka.createTopic("decisions-" + run, 2, true);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        DetectionJobConfig config = config(run);
        DataStream<UsageEvent> events = DetectionJob.source(env, config, true);
        if (injectFailure) {
            events = events.map(new FailAfterCheckpoint(scenario.events.size() / 4)).uid("fail-once");
        }
        DetectionJob.detect(events, config, directory, CLOCK);
        long start = System.nanoTime();
        env.execute("detection-" + run);
        System.out.printf("job %s ran %d ms%n", run, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void theJobRaisesTheSameAlertsAndLinksAsTheEmbeddedEngine() throws Exception {
        String run = fresh("plain");
        runJob(run, false, new Configuration());
        List<String> alerts = kafka.readAll("alerts-" + run);

        assertThat(embeddedAlerts).isNotEmpty();
        assertThat(alerts).containsExactlyElementsOf(embeddedAlerts);

        String entity = embedded.resolver().entityOf(scenario.campaign.getFirst());
        assertThat(scenario.campaign.subList(0, 10)).as("the shared card links its holders")
                .allMatch(a -> embedded.resolver().entityOf(a).equals(entity));
        JsonNode last = null;
        for (String a : alerts) {
            JsonNode node = JSON.readTree(a);
            if (node.path("entityId").asText().equals(entity)) {
                last = node;
            }
        }
        assertThat(last.path("entityId").asText()).isEqualTo(entity);
        Set<String> alerted = new LinkedHashSet<>();
        last.path("accounts").forEach(a -> alerted.add(a.asText()));
        assertThat(alerted).containsExactlyInAnyOrderElementsOf(embedded.linker().members(entity))
                .containsAll(scenario.campaign.subList(0, 10));
        assertThat(last.path("linkReasons")).isNotEmpty();
        assertThat(alerts).noneMatch(a -> scenario.benign.stream().anyMatch(b -> a.contains("\"" + b + "\"")));

        List<Decision> decisions = kafka.readAll("decisions-" + run).stream()
                .map(d -> DecisionCodec.decode(d.getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(decisions).anySatisfy(d -> {
            assertThat(d.scope().id()).isEqualTo(entity);
            assertThat(d.action()).isIn("throttle", "require_verification", "block");
        });
        assertThat(decisions).noneMatch(d -> scenario.benign.stream().anyMatch(b -> d.scope().id().contains(b)));
    }

    @Test
    void aRunRestoredFromARocksDbCheckpointAfterAFailureProducesTheSameAlerts(@TempDir Path checkpoints)
            throws Exception {
        FailAfterCheckpoint.reset();
        Configuration conf = DetectionJobSettings.flinkConfiguration("rocksdb", checkpoints.toString());
        String run = fresh("restored");
        runJob(run, true, conf);
        assertThat(FailAfterCheckpoint.FAILED.get()).as("the failure was injected").isTrue();
        try (var files = Files.walk(checkpoints)) {
            List<String> names = files.map(f -> checkpoints.relativize(f).toString()).toList();
            assertThat(names).as("the job checkpointed to the configured file storage")
                    .anyMatch(f -> f.endsWith("/shared"));
        }
        List<String> alerts = kafka.readAll("alerts-" + run);
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(alerts));
        assertThat(distinct).as("at-least-once: repeats of the same revision only")
                .containsExactlyElementsOf(embeddedAlerts);
        assertThat(alerts.stream().map(a -> a.substring(0, Math.min(60, a.length()))).collect(Collectors.toSet()))
                .isNotEmpty();
    }

    /** Passes events through; once, after {@code after} events and a completed checkpoint, fails the task. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    static final class FailAfterCheckpoint extends RichMapFunction<UsageEvent, UsageEvent> implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicLong SEEN = new AtomicLong();
        static final AtomicBoolean CHECKPOINTED_AFTER = new AtomicBoolean();
        private final long after;

        FailAfterCheckpoint(long after) {
            this.after = after;
        }

        static void reset() {
            FAILED.set(false);
            SEEN.set(0);
            CHECKPOINTED_AFTER.set(false);
        }

        @Override
        public void open(OpenContext ctx) {
        }

        @Override
        public UsageEvent map(UsageEvent e) throws Exception {
            if (!FAILED.get() && SEEN.incrementAndGet() >= after) {
                if (CHECKPOINTED_AFTER.get()) {
                    FAILED.set(true);
                    throw new IllegalStateException("injected failure after a checkpoint");
                }
                Thread.sleep(1);
            }
            return e;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (SEEN.get() >= after) {
                CHECKPOINTED_AFTER.set(true);
            }
        }
    }
}
