package io.distillguard.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * Identifies one token bucket: one limit slot (dimension and period) of one scope. The capacity is not part of the key,
 * so a changed capacity reconfigures the same bucket instead of starting a fresh one.
 */
public record BucketKey(ScopeKind kind, String id, Dimension dimension, Duration period) {

    public BucketKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(period, "period");
    }

    public static BucketKey of(Scope scope, LimitSpec limit) {
        return new BucketKey(scope.kind(), scope.id(), limit.dimension(), limit.period());
    }

    /** A stable string form, e.g. for a Redis key: {@code ACCOUNT:acct-1:OUTPUT_TOKENS:PT24H}. */
    public String asString() {
        return kind + ":" + id + ":" + dimension + ":" + period;
    }
}
