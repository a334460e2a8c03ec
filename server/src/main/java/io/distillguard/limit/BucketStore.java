package io.distillguard.limit;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the token buckets live. The in-memory store keeps Bucket4j local buckets; the Redis store hands out Bucket4j
 * asynchronous proxies of a Lettuce ProxyManager (atomic per bucket) behind the same interface, so the enforcer can
 * issue every bucket operation of an admission at once. One bucket per scope and dimension, with one bandwidth per
 * limit: {@code capacity} tokens refilled greedily over {@code period}.
 */
public interface BucketStore {

    /**
     * The bucket for {@code key}, created full if absent. If it exists with other limits it is reconfigured so that its
     * usage carries over: available tokens change by the capacity difference and may go negative when a limit is
     * lowered below what was already used. Completes at once unless a remote store must first check the stored limits.
     */
    CompletableFuture<LimitBucket> bucket(BucketKey key, List<LimitSpec> limits);

    /** The bucket for {@code key} if the store holds it, without creating or reconfiguring it (blocks on a remote store). */
    Optional<LimitBucket> find(BucketKey key);

    /**
     * Drops buckets that carry no information any more (idle and full again) and, if the store is over its bound,
     * the least recently used. Returns how many were dropped. Stores that expire entries themselves return 0.
     */
    int evictIdle();

    /** How many buckets the store holds now (a Redis store may answer with its local view). */
    long size();

    /** True when bucket operations go over the network (their futures may fail with a runtime exception). */
    default boolean remote() {
        return false;
    }
}
