package io.distillguard.sim.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads request traces into {@link TraceRow}s sorted by time: the Azure LLM inference trace CSV ({@code TIMESTAMP}
 * like {@code 2023-11-16 18:15:46.6805900}, {@code ContextTokens}, {@code GeneratedTokens}), the Mooncake JSONL trace
 * ({@code timestamp} ms, {@code input_length}, {@code output_length}, {@code hash_ids}; the session key is the second
 * prefix block, the first being a prefix shared by nearly all requests), and a generic CSV with the header
 * {@code timestamp,input_tokens,output_tokens} (timestamp in seconds, or an ISO-8601 instant).
 */
public final class TraceReaders {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AZURE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSS]");

    private TraceReaders() {
    }

    public static List<TraceRow> azure(Path file) {
        return csv(file, true);
    }

    public static List<TraceRow> generic(Path file) {
        return csv(file, false);
    }

    private static List<TraceRow> csv(Path file, boolean azure) {
        List<long[]> raw = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String header = r.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + ": empty trace");
            }
            String expected = azure ? "TIMESTAMP,ContextTokens,GeneratedTokens" : "timestamp,input_tokens,output_tokens";
            if (!header.strip().equalsIgnoreCase(expected)) {
                throw new IllegalArgumentException(file + ": header must be " + expected + ", is " + header);
            }
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.strip().split(",");
                if (f.length == 3) {
                    raw.add(new long[] {micros(f[0].strip()), Long.parseLong(f[1].strip()),
                            Long.parseLong(f[2].strip())});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows(raw);
    }

    /** Microseconds: seconds as a number, else an Azure-style local date-time (UTC) or an ISO instant. */
    private static long micros(String ts) {
        if (ts.matches("-?\\d+(\\.\\d+)?")) {
            return Math.round(Double.parseDouble(ts) * 1_000_000);
        }
        if (ts.contains("T")) {
            java.time.Instant i = java.time.Instant.parse(ts);
            return i.getEpochSecond() * 1_000_000 + i.getNano() / 1_000;
        }
        var t = LocalDateTime.parse(ts, AZURE).toInstant(ZoneOffset.UTC);
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    public static List<TraceRow> mooncake(Path file) {
        List<long[]> raw = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                JsonNode ids = n.path("hash_ids");
                long session = ids.size() > 1 ? ids.get(1).asLong() + 1 : ids.size() == 1 ? ids.get(0).asLong() + 1 : 0;
                raw.add(new long[] {n.path("timestamp").asLong() * 1_000, n.path("input_length").asLong(),
                        n.path("output_length").asLong(), session});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows(raw);
    }

    private static List<TraceRow> rows(List<long[]> raw) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("trace has no rows");
        }
        raw.sort(Comparator.comparingLong(a -> a[0]));
        long t0 = raw.getFirst()[0];
        List<TraceRow> out = new ArrayList<>(raw.size());
        for (long[] a : raw) {
            out.add(new TraceRow((a[0] - t0) / 1_000, (int) a[1], (int) a[2], a.length > 3 ? a[3] : 0));
        }
        return List.copyOf(out);
    }
}
