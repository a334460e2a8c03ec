package io.distillguard.config;

/**
 * How tier limits extend beyond a single account, and where the buckets live. A key and an account get their tier's
 * limits; an organisation and an entity (all accounts one controller owns, as linked by detection) get the tier's
 * limits times a multiplier, so a thousand linked accounts share one budget instead of having a thousand.
 *
 * @param orgMultiplier    organisation budget as a multiple of its account tier
 * @param entityMultiplier entity budget as a multiple of its account tier
 * @param defaultMaxTokens output tokens reserved when a request sets no max_tokens and the tier has no ceiling
 * @param store            {@code memory} (one process) or {@code redis} (limits shared by every replica)
 * @param redis            the Redis store's settings, used when {@code store} is {@code redis}
 */
public record LimitsConfig(double orgMultiplier, double entityMultiplier, int defaultMaxTokens, Store store,
                           RedisLimitsConfig redis) {

    /** Where the token buckets live. */
    public enum Store {
        MEMORY, REDIS;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Store parse(String text) {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String yaml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LimitsConfig {
        orgMultiplier = orgMultiplier == 0 ? 1.0 : orgMultiplier;
        entityMultiplier = entityMultiplier == 0 ? 1.0 : entityMultiplier;
        defaultMaxTokens = defaultMaxTokens == 0 ? 4096 : defaultMaxTokens;
        store = store == null ? Store.MEMORY : store;
        redis = redis == null ? RedisLimitsConfig.defaults() : redis;
        if (orgMultiplier < 0.01 || entityMultiplier < 0.01) {
            throw new IllegalArgumentException("limits multipliers must be >= 0.01");
        }
        Check.range("limits.defaultMaxTokens", defaultMaxTokens, 1, 10_000_000);
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(0, 0, 0, null, null);
    }

    /** The same limits kept in Redis with {@code redisConfig}. */
    public LimitsConfig inRedis(RedisLimitsConfig redisConfig) {
        return new LimitsConfig(orgMultiplier, entityMultiplier, defaultMaxTokens, Store.REDIS, redisConfig);
    }
}
