package io.distillguard.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.account.TierLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The job's account directory without the gateway's DuckDB: a JSONL export of the accounts (one JSON
 * object per line, format in {@link #parse}, as written by a periodic export of the registry), read on first use and
 * read again when the file's modification time changed, checked at most once per {@code reloadEvery}. A file that
 * cannot be read keeps the last good table; an account not in the table gets the {@code unknown} tier, as the
 * gateway's registry directory does. Serializable: only the path and interval travel with the job graph.
 */
public final class AccountExportDirectory implements JobDirectory {
    static final TierLimits UNKNOWN_TIER = new TierLimits("unknown", 60, 100_000, 100_000, 1_000_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String file;
    private final long reloadEveryMs;
    private final Clock clock;
    private transient Map<String, AccountProfile> profiles;
    private transient long checkedAtMs;
    private transient long modifiedMs;

    public AccountExportDirectory(Path file, Duration reloadEvery, Clock clock) {
        this.file = file.toString();
        this.reloadEveryMs = reloadEvery.toMillis();
        this.clock = clock;
    }

    @Override
    public AccountProfile profile(String accountId) {
        long now = clock.millis();
        if (profiles == null || now - checkedAtMs >= reloadEveryMs) {
            reloadIfChanged(now);
        }
        AccountProfile p = profiles.get(accountId);
        return p != null ? p
                : new AccountProfile(accountId, null, UNKNOWN_TIER, Instant.EPOCH, null, null, null, null, false, null);
    }

    /** How many accounts the current table holds (loading it if needed). */
    public int size() {
        profile("");
        return profiles.size();
    }

    private void reloadIfChanged(long now) {
        checkedAtMs = now;
        Path path = Path.of(file);
        try {
            long modified = Files.getLastModifiedTime(path).toMillis();
            if (profiles != null && modified == modifiedMs) {
                return;
            }
            Map<String, AccountProfile> table = new HashMap<>();
            try (var lines = Files.lines(path)) {
                lines.filter(l -> !l.isBlank()).forEach(l -> {
                    AccountProfile p = parse(l);
                    table.put(p.accountId(), p);
                });
            }
            profiles = table;
            modifiedMs = modified;
        } catch (IOException | RuntimeException e) {
            if (profiles == null) {
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
        }
    }

    /** One export line: {@code {"accountId","orgId","tier":{"name","rpm","inputTpm","outputTpm","outputTpd"},
     * "createdAt" (ISO-8601),"emailDomain","paymentFingerprintHash","verifiedIdHash","signupPath","verified","asn"}}. */
    static AccountProfile parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            JsonNode t = n.path("tier");
            TierLimits tier = t.isObject() ? new TierLimits(t.path("name").asText("unknown"), t.path("rpm").asLong(),
                    t.path("inputTpm").asLong(), t.path("outputTpm").asLong(), t.path("outputTpd").asLong())
                    : UNKNOWN_TIER;
            return new AccountProfile(n.path("accountId").asText(), text(n, "orgId"), tier,
                    n.hasNonNull("createdAt") ? Instant.parse(n.get("createdAt").asText()) : Instant.EPOCH,
                    text(n, "emailDomain"), text(n, "paymentFingerprintHash"), text(n, "verifiedIdHash"),
                    text(n, "signupPath"), n.path("verified").asBoolean(false),
                    n.hasNonNull("asn") ? n.get("asn").asInt() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("bad account export line: " + line, e);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
