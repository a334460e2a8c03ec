package io.distillguard.policy.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.distillguard.policy.cache.Lift;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.file.Policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Append-only, hash-chained JSON-lines record of every decision, manual action, lift, policy load and cost, so that
 * each enforcement can be explained after the fact and any tampering with the file is detectable with
 * {@link #verify(Path)}. Truncation of the tail is only detectable against a copy of {@link #head()} kept elsewhere.
 * Thread-safe (appends are serialised).
 */
public final class AuditLog implements AutoCloseable {

    static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final Clock clock;
    private final OutputStream out;
    private String head;
    private long seq;

    private AuditLog(Clock clock, OutputStream out, String head, long seq) {
        this.clock = clock;
        this.out = out;
        this.head = head;
        this.seq = seq;
    }

    /** Opens (or creates) the log at {@code file}, continuing the chain from its last line. */
    public static AuditLog open(Path file, Clock clock) throws IOException {
        String head = GENESIS;
        long seq = 0;
        if (Files.exists(file)) {
            String last = null;
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isEmpty()) {
                        last = line;
                    }
                }
            }
            if (last != null) {
                AuditRecord rec = CANONICAL.readValue(last, AuditRecord.class);
                head = rec.hash();
                seq = rec.seq();
            }
        }
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        return new AuditLog(clock, out, head, seq);
    }

    public AuditRecord appendDecision(Decision decision) {
        return append(AuditRecords.decision(decision));
    }

    public AuditRecord appendLift(Lift lift, Decision lifted) {
        return append(AuditRecords.lift(lift, lifted, clock.instant()));
    }

    /** Records what decision {@code decisionId} cost its entity so far (appended by metering, any number of times). */
    public AuditRecord appendCost(String decisionId, long requestsRefused, long tokensWithheld) {
        return append(AuditRecords.cost(decisionId, requestsRefused, tokensWithheld, clock.instant()));
    }

    public AuditRecord appendPolicyLoaded(Policy policy) {
        return append(AuditRecords.policy(policy, clock.instant()));
    }

    /** Chains and writes {@code draft} (its seq, prev and hash are set here); returns the record as written. */
    public synchronized AuditRecord append(AuditRecord draft) {
        AuditRecord unhashed = draft.chained(seq + 1, head, null);
        AuditRecord rec = unhashed.chained(seq + 1, head, sha256(canonical(unhashed)));
        try {
            out.write(canonical(rec));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to audit log", e);
        }
        seq = rec.seq();
        head = rec.hash();
        return rec;
    }

    /** Hash of the last record: keep a copy elsewhere to detect truncation. */
    public synchronized String head() {
        return head;
    }

    public synchronized long size() {
        return seq;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** The first line of {@code file} that breaks the chain, or empty when every line verifies. */
    public static Optional<BrokenLine> verify(Path file) throws IOException {
        String prev = GENESIS;
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                AuditRecord rec;
                try {
                    rec = CANONICAL.readValue(line, AuditRecord.class);
                } catch (JsonProcessingException e) {
                    return Optional.of(new BrokenLine(n, "not an audit record: " + e.getOriginalMessage()));
                }
                if (!line.equals(new String(canonical(rec), StandardCharsets.UTF_8))) {
                    return Optional.of(new BrokenLine(n, "not in canonical form"));
                }
                if (rec.seq() != n) {
                    return Optional.of(new BrokenLine(n, "sequence " + rec.seq() + " where " + n + " was expected"));
                }
                if (!prev.equals(rec.prev())) {
                    return Optional.of(new BrokenLine(n, "prev does not match the previous record's hash"));
                }
                String expected = sha256(canonical(rec.chained(rec.seq(), rec.prev(), null)));
                if (!expected.equals(rec.hash())) {
                    return Optional.of(new BrokenLine(n, "content hash mismatch"));
                }
                prev = rec.hash();
            }
        }
        return Optional.empty();
    }

    static byte[] canonical(AuditRecord rec) {
        try {
            return CANONICAL.writeValueAsBytes(rec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit record not serialisable", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
