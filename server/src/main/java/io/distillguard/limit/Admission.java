package io.distillguard.limit;

/**
 * The answer to an admission: either every bucket of every scope granted the demand and a {@link Reservation} holds
 * it, or one limit refused and nothing was consumed anywhere, or the shared limit store was unreachable and the
 * request's limits fail closed.
 */
public sealed interface Admission {

    /** The state of the limits after the decision, for the response headers. */
    RateLimitStatus status();

    /** The demand is reserved; the caller must {@code settle} or {@code release} the reservation exactly once. */
    record Admitted(Reservation reservation, RateLimitStatus status) implements Admission {
    }

    /**
     * The first limit that refused.
     *
     * @param scope            the level of the refusing limit
     * @param dimension        what it counts
     * @param limit            the refusing limit
     * @param retryAfterMillis when the demand would fit again, or {@link #NEVER} when it exceeds the capacity itself
     * @param used             how much of the capacity was in use
     * @param requested        what the request asked for in this dimension
     * @param status           the state of the limits (nothing of this request consumed)
     */
    record Rejected(ScopeKind scope, Dimension dimension, LimitSpec limit, long retryAfterMillis, long used,
                    long requested, RateLimitStatus status) implements Admission {

        /** Retry-after of a request larger than the limit's capacity: waiting will not help. */
        public static final long NEVER = -1;

        /** True when the request can never fit this limit (OpenAI's "Request too large"). */
        public boolean tooLarge() {
            return retryAfterMillis == NEVER;
        }
    }

    /**
     * The shared limit store could not be reached and a scope of this request fails closed: nothing was reserved.
     *
     * @param scope            the first scope of the request whose limits fail closed
     * @param retryAfterMillis when the store will be tried again
     */
    record Unavailable(ScopeKind scope, long retryAfterMillis) implements Admission {

        @Override
        public RateLimitStatus status() {
            return new RateLimitStatus(java.util.List.of());
        }
    }
}
