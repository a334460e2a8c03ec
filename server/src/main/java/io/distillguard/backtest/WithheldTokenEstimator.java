package io.distillguard.backtest;

import io.distillguard.event.UsageEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * How many output tokens refusing a stored request withholds. A request the live run served carries its real output
 * tokens. A request the live run already refused (recorded under enforcement, or turned away by a quota) carries none,
 * so counting only recorded tokens would understate what a policy withholds; for it the estimate is the account's own
 * mean output tokens per choice over the requests it was served earlier in the replay, times the choices asked for,
 * capped at {@code max_tokens x n}; with no history yet, {@code max_tokens x n} (an upper bound); with neither, 0 and
 * the request counts as unestimated. Per-account state is two numbers (bounded by the number of accounts replayed).
 * Not thread-safe: one per replay.
 */
final class WithheldTokenEstimator {

    /** Tokens withheld by refusing one request, and whether they are an estimate rather than recorded output. */
    record Withheld(long tokens, boolean estimated, boolean unestimated) {
    }

    private final Map<String, long[]> servedByAccount = new HashMap<>(); // {choices served, output tokens}

    /** Learns from an event as the live run recorded it (call after {@link #withheld} for the same event). */
    void observe(UsageEvent e) {
        if (servedLive(e) && e.accountId() != null) {
            long[] h = servedByAccount.computeIfAbsent(e.accountId(), a -> new long[2]);
            h[0] += choices(e);
            h[1] += e.outputTokens();
        }
    }

    Withheld withheld(UsageEvent e) {
        if (servedLive(e)) {
            return new Withheld(e.outputTokens(), false, false);
        }
        long n = choices(e);
        Integer maxTokens = e.params().maxTokens();
        long cap = maxTokens == null || maxTokens <= 0 ? Long.MAX_VALUE : (long) maxTokens * n;
        long[] h = e.accountId() == null ? null : servedByAccount.get(e.accountId());
        if (h != null && h[0] > 0) {
            return new Withheld(Math.min(cap, Math.round((double) h[1] / h[0] * n)), true, false);
        }
        return cap == Long.MAX_VALUE ? new Withheld(0, false, true) : new Withheld(cap, true, false);
    }

    /** The live run answered it (2xx, or an error after output had started, e.g. a cut stream). */
    static boolean servedLive(UsageEvent e) {
        return (e.status() >= 200 && e.status() < 300) || e.outputTokens() > 0;
    }

    private static long choices(UsageEvent e) {
        return Math.max(1, e.params().n());
    }
}
