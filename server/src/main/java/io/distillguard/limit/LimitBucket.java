package io.distillguard.limit;

import io.github.bucket4j.VerboseResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One token bucket as the enforcer uses it: the limits of one scope in one dimension, one bandwidth each, consumed
 * together. Operations return futures so that a remote store can run the operations of one admission concurrently
 * (one network round trip for all of them); a local bucket completes them at once. Every answer carries the tokens
 * left in each limit, which the rate-limit headers need, so no extra read is required.
 */
public interface LimitBucket {

    /** The limits of this bucket, in the order of {@link Tokens#available()}. */
    List<LimitSpec> limits();

    /** Takes {@code amount} (at least 1) from every limit if all of them have it, otherwise nothing. */
    CompletableFuture<Tokens> tryConsume(long amount);

    /** What every limit has left, taking nothing. */
    CompletableFuture<Tokens> available();

    /** Gives {@code amount} back to every limit (never above its capacity). */
    CompletableFuture<Void> addTokens(long amount);

    /** Takes {@code amount} from every limit even into debt (over-use found at settlement). */
    CompletableFuture<Void> consumeIgnoringRateLimits(long amount);

    /**
     * The answer of one operation.
     *
     * @param consumed  whether the tokens were taken (always true for a read)
     * @param available tokens left in each limit after the operation, in the order of {@link #limits()}
     */
    record Tokens(boolean consumed, long[] available) {

        /** The answer of a Bucket4j verbose operation, its bandwidths matched to {@code limits} by id. */
        static Tokens of(boolean consumed, VerboseResult<?> result, List<LimitSpec> limits) {
            return new Tokens(consumed, Bandwidths.availablePerLimit(result, limits));
        }
    }
}
