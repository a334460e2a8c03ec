package io.distillguard.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * One limit: at most {@code capacity} units of {@code dimension} per {@code period}, refilled continuously (a token
 * bucket, as OpenAI's limits behave: a bucket of 3 RPM gives one request back every 20 s).
 *
 * @param dimension what is counted
 * @param capacity  the most that can be used in one period (and the burst size), from 1 to the period in ns
 * @param period    the refill period, at least one millisecond
 */
public record LimitSpec(Dimension dimension, long capacity, Duration period) {

    public LimitSpec {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(period, "period");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("period must be at least 1 ms: " + period);
        }
        if (capacity > period.toNanos()) {
            throw new IllegalArgumentException(
                    "refill faster than 1 token per nanosecond is not supported: " + capacity + " per " + period);
        }
    }

    /** Requests per minute (RPM). */
    public static LimitSpec requestsPerMinute(long capacity) {
        return new LimitSpec(Dimension.REQUESTS, capacity, Duration.ofMinutes(1));
    }

    /** Requests per day (RPD). */
    public static LimitSpec requestsPerDay(long capacity) {
        return new LimitSpec(Dimension.REQUESTS, capacity, Duration.ofDays(1));
    }

    /** Input tokens per minute. */
    public static LimitSpec inputTokensPerMinute(long capacity) {
        return new LimitSpec(Dimension.INPUT_TOKENS, capacity, Duration.ofMinutes(1));
    }

    /** Output tokens per minute. */
    public static LimitSpec outputTokensPerMinute(long capacity) {
        return new LimitSpec(Dimension.OUTPUT_TOKENS, capacity, Duration.ofMinutes(1));
    }

    /** Output tokens per day (TPD). */
    public static LimitSpec outputTokensPerDay(long capacity) {
        return new LimitSpec(Dimension.OUTPUT_TOKENS, capacity, Duration.ofDays(1));
    }

    /** The same limit with another capacity (e.g. lowered for a throttled entity). */
    public LimitSpec withCapacity(long newCapacity) {
        return new LimitSpec(dimension, newCapacity, period);
    }

    /** True when {@code other} counts the same thing over the same period, so both cannot apply to one scope. */
    public boolean sameSlot(LimitSpec other) {
        return dimension == other.dimension && period.equals(other.period);
    }
}
