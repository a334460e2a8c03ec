package io.distillguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.distillguard.event.UsageEvent;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {

    @TempDir
    Path dir;

    private static List<UsageEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(TraceEvents::event).toList();
    }

    /** Event-time order with ties kept in offer order: what replay promises. */
    private static List<UsageEvent> inEventOrder(List<UsageEvent> offered) {
        List<UsageEvent> sorted = new ArrayList<>(offered);
        sorted.sort(Comparator.comparingLong(UsageEvent::timestampMs));
        return sorted;
    }

    @Test
    void everyFieldRoundTripsInEventTimeOrder() {
        List<UsageEvent> offered = events(3_000);
        try (Database db = Database.open(dir); EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS)) {
            assertThat(db.schemaVersion()).isEqualTo(SchemaMigrations.all().size());
            offered.forEach(store::accept);
            store.flush();
            List<UsageEvent> replayed = new ArrayList<>();
            store.replay(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), replayed::add);

            assertThat(replayed).extracting(TraceEvents::comparable).containsExactlyElementsOf(
                    inEventOrder(offered).stream().map(TraceEvents::comparable).toList());
            assertThat(offered).anyMatch(e -> e.prompt().embedding() != null && e.params().maxTokens() == null)
                    .anyMatch(e -> e.errorCode() != null && e.promptText() == null)
                    .anyMatch(e -> e.params().seed() != null && e.userAgent() == null);
            byte[] embedding = replayed.stream().filter(e -> e.requestId().equals("req_10")).findFirst().orElseThrow()
                    .prompt().embedding();
            assertThat(embedding).hasSize(384).containsExactly(offered.get(10).prompt().embedding());
            assertThat(store.eventsWritten()).isEqualTo(3_000);
            assertThat(store.flushCount()).isPositive();
        }
    }

    @Test
    void replayHonoursTheHalfOpenWindowAcrossPages() {
        List<UsageEvent> offered = events(20_000);
        List<UsageEvent> expected = inEventOrder(offered);
        long from = expected.get(3_000).timestampMs();
        long to = expected.get(17_000).timestampMs();
        try (Database db = Database.open(dir); EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS)) {
            offered.forEach(store::accept);
            store.flush();
            List<String> ids = new ArrayList<>();
            store.replay(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), e -> ids.add(e.requestId()));
            assertThat(ids).containsExactlyElementsOf(expected.stream()
                    .filter(e -> e.timestampMs() >= from && e.timestampMs() < to).map(UsageEvent::requestId).toList());
            List<String> all = new ArrayList<>();
            store.replay(Instant.MIN, Instant.MAX, e -> all.add(e.requestId())); // open ends, as documented
            assertThat(all).hasSize(offered.size());
        }
    }

    @Test
    void groupCommitMakesAnOfferVisibleWithoutFlush() throws InterruptedException {
        try (Database db = Database.open(dir); EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS)) {
            assertThat(store.offer(TraceEvents.event(1))).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (store.count() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(store.count()).isEqualTo(1);
            store.flush();
            assertThat(store.queueDepth()).isZero();
            assertThat(store.flushCount()).isEqualTo(1);
            assertThat(store.lastFlushLatency()).isPositive();
        }
    }

    @Test
    void hundredThousandEventsSurviveCloseAndReopen() {
        List<UsageEvent> offered = events(100_000);
        long input = offered.stream().mapToLong(UsageEvent::inputTokens).sum();
        long output = offered.stream().mapToLong(UsageEvent::outputTokens).sum();
        try (Database db = Database.open(dir); EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS)) {
            offered.forEach(store::accept);
        }
        try (Database db = Database.open(dir); EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS)) {
            assertThat(store.count()).isEqualTo(100_000);
            Map<String, Object> sums = store.query("""
                    SELECT sum(input_tokens) AS input, sum(output_tokens) AS output,
                           count(DISTINCT request_id) AS ids, count(embedding) AS embedded, max(seq) AS last_seq
                    FROM usage_events""").getFirst();
            assertThat(sums).containsEntry("input", BigInteger.valueOf(input))
                    .containsEntry("output", BigInteger.valueOf(output)).containsEntry("ids", 100_000L)
                    .containsEntry("embedded", 10_000L).containsEntry("last_seq", 100_000L);

            store.accept(TraceEvents.event(100_000));
            store.flush();
            assertThat(store.query("SELECT seq FROM usage_events WHERE request_id = ?", "req_100000"))
                    .containsExactly(Map.of("seq", 100_001L));
        }
    }

    @Test
    void concurrentOffersLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        EventStoreConfig small = new EventStoreConfig(256, 64, Duration.ofMillis(100));
        try (Database db = Database.open(dir); EventStore store = new EventStore(db, small);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                done.add(pool.submit(() -> {
                    for (int i = base; i < base + perThread; i++) {
                        UsageEvent e = TraceEvents.event(i);
                        while (!store.offer(e)) {
                            LockSupport.parkNanos(200_000);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            store.flush();
            assertThat(store.count()).isEqualTo(threads * perThread);
            assertThat(store.query("SELECT count(DISTINCT request_id) AS ids FROM usage_events"))
                    .containsExactly(Map.of("ids", (long) threads * perThread));
            assertThat(store.eventsWritten()).isEqualTo(threads * perThread);
            assertThat(store.writeFailures()).isZero();
            assertThat(store.eventsRejected()).as("the small buffer pushed back").isPositive();
        }
    }

    @Test
    void closedStoreRefusesOffers() {
        try (Database db = Database.open(dir)) {
            EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS);
            store.close();
            assertThat(store.offer(TraceEvents.event(0))).isFalse();
            assertThat(store.eventsRejected()).isEqualTo(1);
            assertThatThrownBy(() -> store.accept(TraceEvents.event(0))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void exportsReadBack() throws Exception {
        List<UsageEvent> offered = events(2_000);
        Path jsonl = dir.resolve("events.jsonl");
        Path parquet = dir.resolve("it's events.parquet");
        try (Database db = Database.open(dir); EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS)) {
            offered.forEach(store::accept);
            store.flush();
            store.exportJsonl(jsonl);
            store.exportParquet(parquet);

            var reader = JsonMapper.builder().build().readerFor(UsageEvent.class);
            List<UsageEvent> fromJsonl = new ArrayList<>();
            for (String line : Files.readAllLines(jsonl)) {
                fromJsonl.add(reader.readValue(line));
            }
            assertThat(fromJsonl).extracting(TraceEvents::comparable).containsExactlyElementsOf(
                    inEventOrder(offered).stream().map(TraceEvents::comparable).toList());

            Map<String, Object> fromParquet = store.query("""
                    SELECT count(*) AS n, sum(output_tokens) AS output, count(prompt_text) AS texts,
                           first(embedding ORDER BY seq) FILTER (WHERE request_id = 'req_10') AS embedding
                    FROM read_parquet(?)""", parquet.toString()).getFirst();
            assertThat(fromParquet).containsEntry("n", 2_000L)
                    .containsEntry("output", BigInteger.valueOf(offered.stream().mapToLong(UsageEvent::outputTokens).sum()))
                    .containsEntry("texts", offered.stream().filter(e -> e.promptText() != null).count());
            assertThat((byte[]) fromParquet.get("embedding")).containsExactly(offered.get(10).prompt().embedding());
        }
    }

    @Test
    void queryRunsReadOnlyStatementsOnly() {
        try (Database db = Database.open(dir); EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS)) {
            store.accept(TraceEvents.event(7));
            store.flush();
            assertThatThrownBy(() -> store.query("DELETE FROM usage_events"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.query("INSERT INTO usage_events SELECT * FROM usage_events RETURNING seq"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.query("SELECT 1; DROP TABLE usage_events"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.count()).isEqualTo(1);
            assertThat(store.query("SELECT model, status FROM usage_events WHERE account_id = ?", "acct_7"))
                    .containsExactly(Map.of("model", "gpt-4o", "status", 200));
        }
    }
}
