package io.distillguard.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the in-memory bucket store.
 *
 * @param maxBuckets most buckets kept; past it the least recently used are dropped (their usage is forgotten)
 * @param minIdle    a full bucket idle this long is dropped as lossless (a new one would be identical)
 */
public record InMemoryStoreConfig(int maxBuckets, Duration minIdle) {

    public static final InMemoryStoreConfig DEFAULT = new InMemoryStoreConfig(1_000_000, Duration.ofMinutes(2));

    public InMemoryStoreConfig {
        Objects.requireNonNull(minIdle, "minIdle");
        if (maxBuckets < 16) {
            throw new IllegalArgumentException("maxBuckets must be at least 16: " + maxBuckets);
        }
        if (minIdle.isNegative()) {
            throw new IllegalArgumentException("minIdle must not be negative: " + minIdle);
        }
    }
}
