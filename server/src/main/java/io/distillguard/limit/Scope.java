package io.distillguard.limit;

import java.util.List;
import java.util.Objects;

/**
 * The limits that apply to one key, account, organisation or entity for one request. Limits are passed with every
 * admission, so the caller can lower them (a throttled entity) and the enforcer reconfigures the buckets, keeping
 * their usage.
 *
 * @param kind   the level
 * @param id     the caller's id of the key/account/org/entity (not shown to clients)
 * @param limits at most one limit per dimension and period
 */
public record Scope(ScopeKind kind, String id, List<LimitSpec> limits) {

    public Scope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("scope id must not be empty");
        }
        limits = List.copyOf(limits);
        for (int i = 0; i < limits.size(); i++) {
            for (int j = i + 1; j < limits.size(); j++) {
                if (limits.get(i).sameSlot(limits.get(j))) {
                    throw new IllegalArgumentException(
                            "two limits on " + limits.get(i).dimension() + " per " + limits.get(i).period()
                                    + " for " + kind + " " + id);
                }
            }
        }
    }

    public static Scope of(ScopeKind kind, String id, LimitSpec... limits) {
        return new Scope(kind, id, List.of(limits));
    }
}
