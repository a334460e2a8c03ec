package io.distillguard.limit;

/**
 * Bounds of the in-memory bucket store.
 *
 * @param maxBuckets most buckets kept; past it buckets are dropped with their usage, unused ones first
 */
public record InMemoryStoreConfig(int maxBuckets) {

    public static final InMemoryStoreConfig DEFAULT = new InMemoryStoreConfig(1_000_000);

    public InMemoryStoreConfig {
        if (maxBuckets < 16) {
            throw new IllegalArgumentException("maxBuckets must be at least 16: " + maxBuckets);
        }
    }
}
