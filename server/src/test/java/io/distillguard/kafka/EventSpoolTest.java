package io.distillguard.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.config.KafkaSettings;
import io.distillguard.config.SpoolSettings;
import io.distillguard.event.Endpoint;
import io.distillguard.event.PromptFeatures;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageSource;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool on real files with real GSM8K questions as payloads: order and content through segment rolls, deletion
 * only after acknowledgement, torn tails and CRC mismatches cut on recovery, CRC checked on read, rewind skipping
 * what was acknowledged out of order, the checkpoint across a restart, a concurrent appender and reader, and the bound
 * with both {@code whenFull} choices in the sink.
 */
class EventSpoolTest {
    private static final SpoolSettings SMALL = SpoolSettings.defaults().withBounds(1L << 30, 4_096);
    private static List<String> questions;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadQuestions() throws Exception {
        Path gsm = Path.of(System.getProperty("distillguard.shared", "../shared"), "data", "prompts", "gsm8k",
                "train.jsonl");
        ObjectMapper json = new ObjectMapper();
        questions = new ArrayList<>();
        try (Stream<String> lines = Files.lines(gsm)) {
            lines.limit(2_000).forEach(l -> questions.add(question(json, l)));
        }
    }

    private static String question(ObjectMapper json, String line) {
        try {
            return (String) json.readValue(line, Map.class).get("question");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] key(int i) {
        return ("acct_" + (i % 7)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        return questions.get(i % questions.size()).getBytes(StandardCharsets.UTF_8);
    }

    private static void appendN(EventSpool spool, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(spool.append(key(i), value(i))).isEqualTo(i);
        }
    }

    private static List<SpoolRecord> pollAll(EventSpool spool) {
        List<SpoolRecord> all = new ArrayList<>();
        for (List<SpoolRecord> b; !(b = spool.poll(37, 1L << 20, 0)).isEmpty(); ) {
            all.addAll(b);
        }
        return all;
    }

    private static void assertRecords(List<SpoolRecord> got, List<Integer> seqs) {
        assertThat(got).extracting(SpoolRecord::seq).containsExactlyElementsOf(seqs.stream().map(Long::valueOf)
                .toList());
        for (SpoolRecord r : got) {
            assertThat(r.key()).isEqualTo(key((int) r.seq()));
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(questions.get((int) r.seq()));
        }
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    private long segmentFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".seg")).count();
        }
    }

    @Test
    void eventsComeBackInOrderAcrossSegmentsAndSegmentsGoOnlyAfterTheirAck() throws Exception {
        try (EventSpool spool = EventSpool.open(dir, SMALL)) {
            appendN(spool, 0, 200);
            assertRecords(pollAll(spool), range(0, 200));
            long files = segmentFiles();
            assertThat(files).isGreaterThan(5);
            long bytes = spool.diskBytes();
            spool.maintain();
            assertThat(segmentFiles()).as("nothing acknowledged, nothing deleted").isEqualTo(files);
            spool.acked(0, 100);
            spool.maintain();
            assertThat(segmentFiles()).isBetween(2L, files - 2);
            assertThat(spool.diskBytes()).isLessThan(bytes);
            assertThat(spool.pendingEvents()).isEqualTo(100);
            spool.acked(100, 200);
            spool.maintain();
            assertThat(segmentFiles()).as("only the active segment is left").isEqualTo(1);
            assertThat(spool.pendingEvents()).isZero();
        }
        assertThat(segmentFiles()).isZero();
        assertThat(Files.readString(dir.resolve("acked.offset"))).isEqualTo("200");
    }

    @Test
    void aTornTailIsCutOnRecoveryAndAppendingGoesOn() throws Exception {
        try (EventSpool spool = EventSpool.open(dir, SpoolSettings.defaults())) {
            appendN(spool, 0, 10);
        }
        Path segment = dir.resolve(SpoolSegment.fileName(0));
        long intact = Files.size(segment);
        ByteBuffer torn = SpoolSegment.encode(key(10), value(10)).limit(30); // a crash mid-append
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            ch.write(torn);
        }
        try (EventSpool spool = EventSpool.open(dir, SpoolSettings.defaults())) {
            assertThat(Files.size(segment)).isEqualTo(intact);
            assertThat(spool.pendingEvents()).isEqualTo(10);
            appendN(spool, 10, 12);
            assertRecords(pollAll(spool), range(0, 12));
        }
    }

    @Test
    void aCrcMismatchIsCaughtOnRecoveryAndOnRead() throws Exception {
        try (EventSpool spool = EventSpool.open(dir, SpoolSettings.defaults())) {
            appendN(spool, 0, 5);
        }
        Path segment = dir.resolve(SpoolSegment.fileName(0));
        long offsetOf3 = 0;
        for (int i = 0; i < 3; i++) {
            offsetOf3 += SpoolSegment.encode(key(i), value(i)).remaining();
        }
        flipByte(segment, offsetOf3 + SpoolSegment.HEADER + key(3).length + 5);
        try (EventSpool spool = EventSpool.open(dir, SpoolSettings.defaults())) {
            assertThat(spool.pendingEvents()).as("record 3 and what follows it are cut").isEqualTo(3);
            assertRecords(pollAll(spool), range(0, 3));
            appendN(spool, 3, 6);
            spool.maintain(); // writes the group-commit buffer
            Path live = dir.resolve(SpoolSegment.fileName(3));
            flipByte(live, SpoolSegment.encode(key(3), value(3)).remaining() + SpoolSegment.HEADER + 2);
            assertThatThrownBy(() -> pollAll(spool)).isInstanceOf(UncheckedIOException.class)
                    .hasStackTraceContaining("record 4").hasStackTraceContaining("CRC");
        }
    }

    private static void flipByte(Path file, long offset) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x5a)).rewind();
            ch.write(b, offset);
        }
    }

    @Test
    void rewindAfterAProducerReplacementSkipsWhatWasAcknowledged() {
        try (EventSpool spool = EventSpool.open(dir, SMALL)) {
            appendN(spool, 0, 30);
            assertRecords(pollAll(spool), range(0, 30));
            spool.acked(0, 4);
            spool.acked(10, 12); // partitions acknowledge out of order
            spool.acked(20, 25);
            spool.acked(11, 13);
            assertThat(spool.pendingEvents()).isEqualTo(30 - 4 - 3 - 5);
            spool.rewind();
            List<Integer> expected = new ArrayList<>(range(4, 10));
            expected.addAll(range(13, 20));
            expected.addAll(range(25, 30));
            assertRecords(pollAll(spool), expected);
            spool.acked(4, 10);
            spool.maintain();
            assertThat(spool.pendingEvents()).isEqualTo(12);
        }
    }

    @Test
    void theCheckpointSurvivesARestartSoAcknowledgedEventsAreNotResent() {
        try (EventSpool spool = EventSpool.open(dir, SMALL)) {
            appendN(spool, 0, 50);
            pollAll(spool);
            spool.acked(0, 31);
        }
        try (EventSpool spool = EventSpool.open(dir, SMALL)) {
            assertThat(spool.pendingEvents()).isEqualTo(19);
            assertRecords(pollAll(spool), range(31, 50));
            assertThat(spool.append(key(50), value(50))).isEqualTo(50);
        }
    }

    @Test
    void aConcurrentAppenderAndReaderSeeEveryEventOnceInOrder() throws Exception {
        int n = 20_000;
        try (EventSpool spool = EventSpool.open(dir, SpoolSettings.defaults().withBounds(1L << 30, 256 << 10))) {
            Thread appender = Thread.ofPlatform().start(() -> appendN(spool, 0, n));
            long expected = 0;
            while (expected < n) {
                List<SpoolRecord> batch = spool.poll(500, 1L << 20, 1_000);
                for (SpoolRecord r : batch) {
                    assertThat(r.seq()).isEqualTo(expected);
                    assertThat(r.value()).isEqualTo(value((int) r.seq()));
                    expected++;
                }
                if (!batch.isEmpty()) {
                    spool.acked(batch.getFirst().seq(), batch.getLast().seq() + 1);
                    spool.maintain();
                }
            }
            appender.join();
            assertThat(spool.pendingEvents()).isZero();
            assertThat(spool.diskBytes()).isLessThanOrEqualTo(256 << 10);
        }
    }

    @Test
    void theBoundMakesTheSpoolFullUntilAcknowledgedSegmentsAreDeleted() {
        try (EventSpool spool = EventSpool.open(dir, SpoolSettings.defaults().withBounds(8_192, 4_096))) {
            int i = 0;
            while (!spool.full()) {
                spool.append(key(i), value(i));
                i++;
            }
            assertThat(spool.diskBytes()).isBetween(8_192L, 8_192L + 4_096);
            pollAll(spool);
            spool.acked(0, i);
            spool.maintain();
            assertThat(spool.full()).isFalse();
        }
    }

    @Test
    void aFullSpoolRejectsOrDropsAsConfigured() throws Exception {
        KafkaSettings dead = KafkaSettings.defaults().withBootstrapServers("127.0.0.1:" + deadPort())
                .withTimeouts(500, 10_000, 200);
        SpoolSettings tiny = SpoolSettings.defaults().withBounds(8_192, 4_096);
        try (KafkaUsageEventSink sink = KafkaUsageEventSink.start(dead, tiny, dir.resolve("reject"), null)) {
            int n = 0;
            while (!sink.saturated()) {
                sink.accept(event(n++));
            }
            sink.accept(event(n++)); // an admitted request's event is still kept
            assertThat(sink.spooledEvents()).isEqualTo(n);
            assertThat(sink.eventsDropped()).isZero();
            sink.close(Duration.ofMillis(100));
        }
        SpoolSettings drop = tiny.withWhenFull(SpoolSettings.WhenFull.DROP);
        try (KafkaUsageEventSink sink = KafkaUsageEventSink.start(dead, drop, dir.resolve("drop"), null)) {
            for (int i = 0; i < 200; i++) {
                sink.accept(event(i));
            }
            assertThat(sink.saturated()).isFalse();
            assertThat(sink.eventsDropped()).isPositive();
            assertThat(sink.spooledEvents() + sink.eventsDropped()).isEqualTo(200);
            assertThat(sink.spooledBytes()).isBetween(8_192L, 16_384L);
            sink.close(Duration.ofMillis(100));
        }
    }

    private static UsageEvent event(int i) {
        String q = questions.get(i % questions.size());
        return new UsageEvent("req_" + i, 1_700_000_000_000L + i, "org_1", "acct_" + (i % 7), "key_1", "ent_1",
                "10.0.0.1", null, "test/1.0", "sim-small", Endpoint.CHAT_COMPLETIONS, RequestParams.NONE,
                PromptFeatures.EMPTY, q.length() / 4, 120, 200, null, 350, -1, UsageSource.UPSTREAM, q, null);
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
