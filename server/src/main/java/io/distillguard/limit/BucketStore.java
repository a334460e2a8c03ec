package io.distillguard.limit;

import io.github.bucket4j.Bucket;
import java.util.Optional;

/**
 * Where the token buckets live. The in-memory store keeps Bucket4j local buckets; a Redis store can hand out Bucket4j
 * proxies of a Lettuce ProxyManager (atomic per bucket) behind the same interface, with no change to the enforcer.
 * Every bucket has exactly one bandwidth: {@code capacity} tokens refilled greedily over {@code period}.
 */
public interface BucketStore {

    /**
     * The bucket for {@code key}, created full if absent. If it exists with another capacity it is reconfigured so that
     * its usage carries over: available tokens change by the capacity difference and may go negative when a limit is
     * lowered below what was already used.
     */
    Bucket bucket(BucketKey key, LimitSpec limit);

    /** The bucket for {@code key} if the store holds it, without creating or reconfiguring it. */
    Optional<Bucket> find(BucketKey key);

    /**
     * Drops buckets that carry no information any more (idle and full again) and, if the store is over its bound,
     * the least recently used. Returns how many were dropped. Stores that expire entries themselves return 0.
     */
    int evictIdle();

    /** How many buckets the store holds now (a Redis store may answer with its local view). */
    long size();

    /** True when bucket operations go over the network (they may block and may fail with a runtime exception). */
    default boolean remote() {
        return false;
    }
}
