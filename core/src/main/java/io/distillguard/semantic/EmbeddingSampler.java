package io.distillguard.semantic;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Decides which events get a sentence embedding, so embedding cost is sampled and bounded, never per request: each
 * account's first few events (counted in a fixed-size count-min sketch, which can only over-count, so a colliding
 * account loses a few first samples but memory stays bounded), then a fixed share chosen by a seeded hash of the
 * request id (the same request is chosen on every node and in replays), all under a global per-second budget on the
 * injected clock. Thread-safe.
 */
public final class EmbeddingSampler {

    private static final int ROWS = 3;

    private final SamplerConfig config;
    private final Clock clock;
    private final Hasher64 hasher;
    private final AtomicIntegerArray counts;
    private final long rateBound;
    private long budgetSecond = Long.MIN_VALUE;
    private int budgetUsed;

    public EmbeddingSampler(SamplerConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hasher = Hashing.xxh3_64(config.seed());
        this.counts = new AtomicIntegerArray(ROWS * config.accountSlots());
        this.rateBound = (long) Math.floor(config.rate() * 0x1p63);
    }

    /** Whether the event {@code requestId} of {@code accountId} gets embedded. */
    public SampleDecision decide(String accountId, String requestId) {
        SampleDecision wanted;
        if (countAndGetPrevious(accountId == null ? "" : accountId) < config.firstPerAccount()) {
            wanted = SampleDecision.EMBED_FIRST;
        } else if ((hasher.hashCharsToLong(requestId) >>> 1) < rateBound) {
            wanted = SampleDecision.EMBED_SAMPLED;
        } else {
            return SampleDecision.SKIP_NOT_SAMPLED;
        }
        return takeBudget() ? wanted : SampleDecision.SKIP_OVER_BUDGET;
    }

    /** Increments the account's counters and returns its estimated count before this event. */
    private int countAndGetPrevious(String accountId) {
        long h = hasher.hashCharsToLong(accountId);
        int min = Integer.MAX_VALUE;
        for (int r = 0; r < ROWS; r++) {
            int slot = r * config.accountSlots() + Math.floorMod((int) (h >>> (r * 21)), config.accountSlots());
            int previous = counts.getAndUpdate(slot, c -> c == Integer.MAX_VALUE ? c : c + 1);
            min = Math.min(min, previous);
        }
        return min;
    }

    private synchronized boolean takeBudget() {
        long second = Math.floorDiv(clock.millis(), 1000L);
        if (second != budgetSecond) {
            budgetSecond = second;
            budgetUsed = 0;
        }
        if (budgetUsed >= config.maxPerSecond()) {
            return false;
        }
        budgetUsed++;
        return true;
    }
}
