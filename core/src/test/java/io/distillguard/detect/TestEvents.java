package io.distillguard.detect;

import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.account.TierLimits;
import io.distillguard.event.Endpoint;
import io.distillguard.event.PromptFeatures;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageSource;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Builds usage events and account profiles for tests, with ordinary defaults that each test overrides. */
public final class TestEvents {
    public static final TierLimits TIER1 = new TierLimits("tier-1", 500, 200_000, 50_000, 5_000_000);
    public static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final AtomicLong IDS = new AtomicLong();

    private TestEvents() {
    }

    public static AccountProfile account(String id) {
        return new AccountProfile(id, "org_" + id, TIER1, Instant.ofEpochMilli(T0 - 30L * 86_400_000L), null, null,
                null, "self-serve", false, null);
    }

    /** A mutable builder; {@link #build()} makes the record. */
    public static Builder event(String accountId, long atMs) {
        return new Builder(accountId, atMs);
    }

    public static final class Builder {
        private final String accountId;
        private final long atMs;
        private String ip = "198.51.100.7";
        private String userAgent = "Mozilla/5.0";
        private String fingerprint;
        private String model = "model-a";
        private RequestParams params = new RequestParams(1, 0.7, null, 1024, false, 0, 0, 0, null, true, null, null);
        private long simHash = IDS.incrementAndGet() * 0x9E3779B97F4A7C15L;
        private long templateHash = IDS.incrementAndGet() * 0xC2B2AE3D27D4EB4FL;
        private long contentHash = IDS.incrementAndGet() * 0x165667B19E3779F9L;
        private int flags;
        private int userTurns = 1;
        private long input = 400;
        private long output = 600;
        private int status = 200;
        private String text;
        private byte[] embedding;

        private Builder(String accountId, long atMs) {
            this.accountId = accountId;
            this.atMs = atMs;
        }

        public Builder ip(String v) { ip = v; return this; }
        public Builder userAgent(String v) { userAgent = v; return this; }
        public Builder fingerprint(String v) { fingerprint = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder params(RequestParams v) { params = v; return this; }
        public Builder simHash(long v) { simHash = v; return this; }
        public Builder templateHash(long v) { templateHash = v; return this; }
        public Builder contentHash(long v) { contentHash = v; return this; }
        public Builder flags(int v) { flags = v; return this; }
        public Builder userTurns(int v) { userTurns = v; return this; }
        public Builder tokens(long in, long out) { input = in; output = out; return this; }
        public Builder status(int v) { status = v; return this; }
        public Builder text(String v) { text = v; return this; }
        public Builder embedding(byte[] v) { embedding = v; return this; }

        /** Takes hashes, flags and turns from features extracted from a real prompt. */
        public Builder features(PromptFeatures f) {
            simHash = f.simHash();
            templateHash = f.templateHash();
            contentHash = f.contentHash();
            flags = f.contentFlags();
            userTurns = Math.max(1, f.userTurns());
            return this;
        }

        public UsageEvent build() {
            PromptFeatures prompt = new PromptFeatures(200, userTurns * 2 - 1, userTurns, contentHash, simHash,
                    templateHash, flags, "en", embedding);
            return new UsageEvent("req_" + IDS.incrementAndGet(), atMs, "org_" + accountId, accountId,
                    "key_" + accountId, "ent_" + accountId, ip, fingerprint, userAgent, model,
                    Endpoint.CHAT_COMPLETIONS, params, prompt, input, output, status, null, 1000, 200,
                    UsageSource.UPSTREAM, text, null);
        }
    }
}
