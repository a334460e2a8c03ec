package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.distillguard.config.EventsConfig;
import io.distillguard.config.KafkaSettings;
import io.distillguard.config.SpoolSettings;
import io.distillguard.demo.SimulatorConfig;
import io.distillguard.event.UsageEvent;
import io.distillguard.kafka.KafkaUsageEventSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage events through the real gateway into a real in-JVM Kafka broker: exactly once and keyed by account; through
 * an outage (the broker unreachable behind a cut {@link TcpGate}) via the disk spool without loss or duplicates; the
 * full-spool choices (reject: 503 and the saturation metric; drop: requests go on, drops counted); and a spool left
 * by a stopped gateway drained first by the next one.
 */
class KafkaEventsThroughGatewayTest {
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static KafkaTestBroker broker;
    /** One gateway on the live broker for the tests that need no special spool: starting one costs seconds. */
    private static GatewayFixture live;
    private static String liveTopic;

    @TempDir
    static Path liveDir;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaTestBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (live != null) {
            live.close();
            // everything the shared gateway spooled was acknowledged, so closing it left no segment behind
            assertThat(segmentBytes(liveDir.resolve("kafka-spool"))).isZero();
        }
        broker.close();
    }

    private static synchronized GatewayFixture live() throws Exception {
        if (live == null) {
            liveTopic = newTopic(3);
            live = start(liveDir, broker.bootstrap(), liveTopic, SpoolSettings.defaults());
        }
        return live;
    }

    @Test
    void requestsArriveOnTheTopicExactlyOnceKeyedByAccount() throws Exception {
        GatewayFixture gw = live();
        KafkaUsageEventSink sink = gw.app.kafkaSink().orElseThrow();
        long before = sink.eventsSent();
        List<String> accounts = List.of(gw.newKey(), gw.newKey(), gw.newKey());
        for (int i = 0; i < 18; i++) {
            chat(gw.client(accounts.get(i % 3)), "Explain photosynthesis, variant " + i);
        }
        OpenAIClient bogus = gw.client("sk-dg-bogus-0000000000000000000000000000000000");
        for (int i = 0; i < 2; i++) {
            try {
                bogus.models().list();
            } catch (OpenAIServiceException e) {
                assertThat(e.statusCode()).isEqualTo(401);
            }
        }
        await(() -> sink.eventsSent() == before + 20 && sink.spooledEvents() == 0);
        assertThat(sink.brokerReachable()).isTrue();
        assertThat(metrics(gw)).contains("distillguard_kafka_events_sent_total " + (before + 20) + ".0")
                .contains("distillguard_kafka_broker_reachable 1.0");
        List<KafkaTestBroker.Received> all = broker.readAll(liveTopic, (int) before + 20, Duration.ofSeconds(20));
        assertThat(all).hasSize((int) before + 20);
        assertThat(KafkaTestBroker.requestIds(all)).hasSize(all.size());
        List<KafkaTestBroker.Received> got = all.stream().filter(r -> r.event().status() == 401
                || r.event().promptText() != null && r.event().promptText().contains("photosynthesis")).toList();
        assertThat(got).hasSize(20);
        Map<String, Set<Integer>> partitionsByAccount = new HashMap<>();
        for (KafkaTestBroker.Received r : got) {
            UsageEvent e = r.event();
            if (e.accountId() != null) {
                assertThat(r.key()).isEqualTo(e.accountId());
                partitionsByAccount.computeIfAbsent(e.accountId(), a -> new HashSet<>()).add(r.partition());
            } else {
                assertThat(e.status()).isEqualTo(401);
                assertThat(r.key()).isEqualTo("anonymous:127.0.0.1");
            }
        }
        assertThat(partitionsByAccount).hasSize(3).allSatisfy((a, parts) -> assertThat(parts).hasSize(1));
        assertThat(got.stream().filter(r -> r.event().succeeded()).map(r -> r.event().promptText()))
                .hasSize(18).allSatisfy(t -> assertThat(t).contains("photosynthesis"));
    }

    @Test
    void anOutageSpoolsToDiskAndDrainsWithoutLossOrDuplicates() throws Exception {
        GatewayFixture gw = live();
        OpenAIClient client = gw.client(gw.newKey());
        KafkaUsageEventSink sink = gw.app.kafkaSink().orElseThrow();
        long before = sink.eventsSent();
        for (int i = 0; i < 10; i++) {
            chat(client, "before the outage " + i);
        }
        await(() -> sink.eventsSent() == before + 10 && sink.spooledEvents() == 0);
        broker.gate.cut();
        try {
            for (int i = 0; i < 15; i++) {
                chat(client, "during the outage " + i); // requests keep succeeding
            }
            await(() -> sink.spooledEvents() == 15 && !sink.brokerReachable());
            assertThat(sink.eventsSent()).isEqualTo(before + 10);
            assertThat(sink.spooledBytes()).isPositive();
            assertThat(segmentBytes(liveDir.resolve("kafka-spool"))).isPositive();
            assertThat(metrics(gw)).contains("distillguard_kafka_spool_events 15.0")
                    .contains("distillguard_kafka_broker_reachable 0.0");
        } finally {
            broker.gate.reconnect();
        }
        await(() -> sink.spooledEvents() == 0 && sink.eventsSent() == before + 25);
        assertThat(sink.brokerReachable()).isTrue();
        List<KafkaTestBroker.Received> all = broker.readAll(liveTopic, (int) before + 25, Duration.ofSeconds(20));
        assertThat(all).hasSize((int) before + 25);
        assertThat(KafkaTestBroker.requestIds(all)).hasSize(all.size());
        assertThat(all.stream().filter(r -> r.event().promptText() != null
                && r.event().promptText().contains("the outage")).map(r -> r.event().requestId()).distinct())
                .hasSize(25);
    }

    @Test
    void aFullSpoolWithRejectAnswers503AndSaysSoInMetrics() throws Exception {
        SpoolSettings tiny = SpoolSettings.defaults().withBounds(8_192, 4_096);
        try (GatewayFixture gw = start(dataDir, "127.0.0.1:" + deadPort(), newTopic(1), tiny)) {
            OpenAIClient client = gw.client(gw.newKey());
            int ok = 0;
            Integer refused = null;
            for (int i = 0; i < 200 && refused == null; i++) {
                try {
                    chat(client, "fill the spool " + i);
                    ok++;
                } catch (OpenAIServiceException e) {
                    refused = e.statusCode();
                    assertThat(e.getMessage()).contains("overloaded");
                }
            }
            assertThat(refused).isEqualTo(503);
            assertThat(ok).isPositive();
            KafkaUsageEventSink sink = gw.app.kafkaSink().orElseThrow();
            assertThat(sink.saturated()).isTrue();
            assertThat(sink.eventsDropped()).isZero();
            String metrics = metrics(gw);
            assertThat(metrics).contains("distillguard_kafka_spool_saturated 1.0")
                    .contains("distillguard_kafka_broker_reachable 0.0");
            int admitted = ok;
            await(() -> sink.spooledEvents() == admitted + 1); // the refused request's event is kept too
        }
    }

    @Test
    void aFullSpoolWithDropKeepsServingAndCountsDrops() throws Exception {
        SpoolSettings tiny = SpoolSettings.defaults().withBounds(8_192, 4_096).withWhenFull(SpoolSettings.WhenFull.DROP);
        try (GatewayFixture gw = start(dataDir, "127.0.0.1:" + deadPort(), newTopic(1), tiny)) {
            OpenAIClient client = gw.client(gw.newKey());
            for (int i = 0; i < 40; i++) {
                chat(client, "keep serving " + i); // never refused
            }
            KafkaUsageEventSink sink = gw.app.kafkaSink().orElseThrow();
            await(() -> sink.spooledEvents() + sink.eventsDropped() == 40);
            assertThat(sink.eventsDropped()).isPositive();
            assertThat(sink.saturated()).isFalse();
            assertThat(sink.spooledBytes()).isBetween(8_192L, 16_384L);
            assertThat(metrics(gw)).contains("distillguard_kafka_events_dropped_total " + sink.eventsDropped() + ".0");
        }
    }

    @Test
    void aSpoolLeftByAStoppedGatewayIsDrainedFirstAfterRestart() throws Exception {
        String topic = newTopic(1);
        String key;
        broker.gate.cut();
        try (GatewayFixture gw = start(dataDir, broker.bootstrap(), topic, SpoolSettings.defaults())) {
            key = gw.newKey();
            OpenAIClient client = gw.client(key);
            for (int i = 0; i < 12; i++) {
                chat(client, "before the restart " + i);
            }
            KafkaUsageEventSink sink = gw.app.kafkaSink().orElseThrow();
            await(() -> sink.spooledEvents() == 12);
        } finally {
            broker.gate.reconnect();
        }
        assertThat(segmentBytes(dataDir.resolve("kafka-spool"))).isPositive();
        try (GatewayFixture gw = start(dataDir, broker.bootstrap(), topic, SpoolSettings.defaults())) {
            KafkaUsageEventSink sink = gw.app.kafkaSink().orElseThrow();
            OpenAIClient client = gw.client(key);
            for (int i = 0; i < 3; i++) {
                chat(client, "after the restart " + i);
            }
            await(() -> sink.spooledEvents() == 0 && sink.eventsSent() == 15);
        }
        List<KafkaTestBroker.Received> got = broker.readAll(topic, 15, Duration.ofSeconds(20));
        assertThat(got).hasSize(15);
        assertThat(KafkaTestBroker.requestIds(got)).hasSize(15);
        List<String> inOffsetOrder = got.stream().sorted(java.util.Comparator.comparingLong(
                KafkaTestBroker.Received::offset)).map(r -> r.event().promptText()).toList();
        assertThat(inOffsetOrder.subList(0, 12)).allSatisfy(t -> assertThat(t).contains("before the restart"));
        assertThat(inOffsetOrder.subList(12, 15)).allSatisfy(t -> assertThat(t).contains("after the restart"));
    }

    private static GatewayFixture start(Path dataDir, String bootstrap, String topic, SpoolSettings spool)
            throws Exception {
        KafkaSettings kafka = KafkaSettings.defaults().withBootstrapServers(bootstrap).withTopic(topic)
                .withTimeouts(1_500, 60_000, 1_000);
        return GatewayFixture.start(dataDir, SimulatorConfig.instant(),
                c -> c.withEvents(EventsConfig.kafka(kafka, spool)));
    }

    private static String newTopic(int partitions) throws Exception {
        String topic = "usage-events-" + TOPICS.incrementAndGet();
        broker.createTopic(topic, partitions);
        return topic;
    }

    private static void chat(OpenAIClient client, String prompt) {
        client.chat().completions().create(ChatCompletionCreateParams.builder().model("sim-small")
                .addUserMessage(prompt).maxCompletionTokens(20).build());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String metrics(GatewayFixture gw) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.app.adminPort() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static long segmentBytes(Path spoolDir) throws Exception {
        try (Stream<Path> files = Files.list(spoolDir)) {
            long sum = 0;
            for (Path f : files.filter(f -> f.toString().endsWith(".seg")).toList()) {
                sum += Files.size(f);
            }
            return sum;
        }
    }

    private static int deadPort() throws Exception {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
