package io.distillguard.config;

/**
 * How tier limits extend beyond a single account. A key and an account get their tier's limits; an organisation and
 * an entity (all accounts one controller owns, as linked by detection) get the tier's limits times a multiplier, so a
 * thousand linked accounts share one budget instead of having a thousand.
 *
 * @param orgMultiplier    organisation budget as a multiple of its account tier
 * @param entityMultiplier entity budget as a multiple of its account tier
 * @param defaultMaxTokens output tokens reserved when a request sets no max_tokens and the tier has no ceiling
 */
public record LimitsConfig(double orgMultiplier, double entityMultiplier, int defaultMaxTokens) {

    public LimitsConfig {
        orgMultiplier = orgMultiplier == 0 ? 1.0 : orgMultiplier;
        entityMultiplier = entityMultiplier == 0 ? 1.0 : entityMultiplier;
        defaultMaxTokens = defaultMaxTokens == 0 ? 4096 : defaultMaxTokens;
        if (orgMultiplier < 0.01 || entityMultiplier < 0.01) {
            throw new IllegalArgumentException("limits multipliers must be >= 0.01");
        }
        Check.range("limits.defaultMaxTokens", defaultMaxTokens, 1, 10_000_000);
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(0, 0, 0);
    }
}
