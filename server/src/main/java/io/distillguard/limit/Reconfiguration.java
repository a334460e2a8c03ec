package io.distillguard.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;

/**
 * Changing a bucket's capacity so that what was used carries over, the same way in every store: Bucket4j's ADDITIVE
 * inheritance adds a raise to the available tokens; for a cut it only caps them, so the rest of the cut is charged as
 * debt (available = old available - (old capacity - new capacity)).
 */
final class Reconfiguration {

    private Reconfiguration() {
    }

    /** The one-bandwidth configuration of a bucket for {@code limit}: full capacity, refilled greedily over the period. */
    static BucketConfiguration configuration(LimitSpec limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    static Bandwidth bandwidth(LimitSpec limit) {
        return Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build();
    }

    /** Reconfigures {@code bucket}, now of {@code oldCapacity}, to {@code newLimit}, keeping its usage. */
    static void keepUsage(Bucket bucket, long oldCapacity, LimitSpec newLimit) {
        long newCapacity = newLimit.capacity();
        long available = bucket.getAvailableTokens();
        bucket.replaceConfiguration(configuration(newLimit), TokensInheritanceStrategy.ADDITIVE);
        if (newCapacity < oldCapacity) {
            long target = available - (oldCapacity - newCapacity);
            long afterReplace = Math.min(available, newCapacity);
            if (afterReplace > target) {
                bucket.consumeIgnoringRateLimits(afterReplace - target);
            }
        }
    }
}
