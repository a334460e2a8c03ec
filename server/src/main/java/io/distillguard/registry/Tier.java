package io.distillguard.registry;

/**
 * A usage tier: the rate limits and quotas the gateway enforces for every account on it.
 *
 * @param maxTokensCeiling the largest max_tokens a request may ask for
 */
public record Tier(String name, long requestsPerMinute, long inputTokensPerMinute, long outputTokensPerMinute,
                   long outputTokensPerDay, int maxTokensCeiling) {

    public Tier {
        Ids.require(Ids.TIER_NAME, name, "tier name");
        if (requestsPerMinute < 1 || inputTokensPerMinute < 1 || outputTokensPerMinute < 1 || outputTokensPerDay < 1
                || maxTokensCeiling < 1) {
            throw new IllegalArgumentException("tier " + name + ": every limit must be >= 1");
        }
        // The limiter refills at most one unit per nanosecond; a larger limit could never be enforced exactly.
        long perMinuteMax = 60_000_000_000L;
        if (requestsPerMinute > perMinuteMax || inputTokensPerMinute > perMinuteMax
                || outputTokensPerMinute > perMinuteMax || outputTokensPerDay > 86_400_000_000_000L) {
            throw new IllegalArgumentException("tier " + name + ": per-minute limits must be <= " + perMinuteMax
                    + " and output_tokens_per_day <= 86400000000000");
        }
    }
}
