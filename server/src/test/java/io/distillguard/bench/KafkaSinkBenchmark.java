package io.distillguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.config.KafkaSettings;
import io.distillguard.config.SpoolSettings;
import io.distillguard.event.Endpoint;
import io.distillguard.event.PromptFeatures;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageSource;
import io.distillguard.kafka.KafkaUsageEventSink;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Throughput of {@link KafkaUsageEventSink} into a real single-node in-JVM broker on this machine: events accepted per
 * second (spool append) and events acknowledged by Kafka per second, end to end, with the default producer and spool
 * settings (lz4, acks=all, idempotent, fsync every 200 ms), 6 partitions, 10,000 accounts, GSM8K questions as the
 * retained prompt text. Also prints the accept path's CPU time per event on the calling thread, a figure that the
 * machine's load does not distort the way it distorts wall-clock rates. Not a JUnit test. Run:
 * {@code java -cp <test classpath> io.distillguard.bench.KafkaSinkBenchmark [events]}.
 */
public final class KafkaSinkBenchmark {
    private KafkaSinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        List<UsageEvent> events = events(n);
        Path dir = Files.createTempDirectory("kafka-bench");
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build();
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1").build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (var admin = cluster.admin()) {
                admin.createTopics(List.of(new NewTopic("bench", 6, (short) 1))).all().get();
            }
            KafkaSettings kafka = KafkaSettings.defaults().withBootstrapServers(cluster.bootstrapServers())
                    .withTopic("bench");
            try (KafkaUsageEventSink sink = KafkaUsageEventSink.start(kafka,
                    SpoolSettings.defaults().withBounds(8L << 30, 64 << 20), dir.resolve("spool"), null)) {
                while (!sink.brokerReachable()) {
                    Thread.sleep(10);
                }
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (UsageEvent e : events) {
                    sink.accept(e);
                }
                long t1 = System.nanoTime();
                long acceptCpu = threads.getCurrentThreadCpuTime() - cpu0;
                while (sink.eventsSent() < n) {
                    Thread.sleep(1);
                }
                long t2 = System.nanoTime();
                System.out.printf("events=%d accepted/s=%.0f acknowledged/s=%.0f (%.2f s end to end); accept path "
                                + "%.2f us CPU/event = %.0f events per CPU-second of the calling thread%n", n,
                        n / ((t1 - t0) / 1e9), n / ((t2 - t0) / 1e9), (t2 - t0) / 1e9, acceptCpu / 1e3 / n,
                        n / (acceptCpu / 1e9));
            }
        }
    }

    private static List<UsageEvent> events(int n) throws Exception {
        Path gsm = Path.of(System.getProperty("distillguard.shared", "../shared"), "data", "prompts", "gsm8k",
                "train.jsonl");
        ObjectMapper json = new ObjectMapper();
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(gsm)) {
            questions.add((String) json.readValue(line, Map.class).get("question"));
        }
        List<UsageEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String q = questions.get(i % questions.size());
            events.add(new UsageEvent("req_" + i, 1_700_000_000_000L + i, "org_" + (i % 1_000),
                    "acct_" + (i % 10_000), "key_" + (i % 10_000), "ent_" + (i % 5_000), "10.0.0." + (i % 250), null,
                    "bench/1.0", "sim-small", Endpoint.CHAT_COMPLETIONS, RequestParams.NONE, PromptFeatures.EMPTY,
                    q.length() / 4, 120, 200, null, 350, -1, UsageSource.UPSTREAM, q, null));
        }
        return events;
    }
}
