package io.distillguard.limit;

/**
 * Where one limit of one scope stands after an admission decision: what remains and how long until the bucket is full
 * again. The scope's id is left out on purpose: headers and error bodies must not reveal which accounts are linked.
 *
 * @param scope       the level the limit applies at
 * @param limit       the limit
 * @param remaining   tokens left now (negative while a lowered limit or an over-use is being paid back)
 * @param resetMillis milliseconds until the bucket refills to its capacity
 */
public record LimitState(ScopeKind scope, LimitSpec limit, long remaining, long resetMillis) {

    /** The state of a bucket with {@code remaining} tokens, its reset derived from the greedy refill rate. */
    public static LimitState of(ScopeKind scope, LimitSpec limit, long remaining) {
        long missing = limit.capacity() - remaining;
        long reset = missing <= 0 ? 0
                : (long) Math.ceil((double) missing * limit.period().toMillis() / limit.capacity());
        return new LimitState(scope, limit, remaining, reset);
    }

    /** Remaining share of the capacity: the lower, the more constraining. */
    public double remainingFraction() {
        return (double) remaining / limit.capacity();
    }
}
