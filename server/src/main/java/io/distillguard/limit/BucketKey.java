package io.distillguard.limit;

import java.util.Objects;

/**
 * Identifies one token bucket: what one scope counts in one dimension. The bucket has one bandwidth per period limited
 * in that dimension (e.g. output tokens per minute and per day), so one atomic operation checks all of them. Periods
 * and capacities are not part of the key, so a changed limit reconfigures the same bucket instead of starting a fresh
 * one.
 */
public record BucketKey(ScopeKind kind, String id, Dimension dimension) {

    public BucketKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dimension, "dimension");
    }

    public static BucketKey of(Scope scope, Dimension dimension) {
        return new BucketKey(scope.kind(), scope.id(), dimension);
    }

    /** A stable string form, e.g. for a Redis key: {@code ACCOUNT:acct-1:OUTPUT_TOKENS}. */
    public String asString() {
        return kind + ":" + id + ":" + dimension;
    }
}
