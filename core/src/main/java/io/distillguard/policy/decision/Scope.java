package io.distillguard.policy.decision;

import java.util.Objects;

/**
 * The subject a decision applies to. An ENTITY decision reaches every account and key the entity controls because the
 * gateway looks decisions up under the key, the account and the entity of each request.
 */
public record Scope(ScopeType type, String id) {

    public Scope {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("scope id must not be blank");
        }
    }

    public static Scope entity(String id) {
        return new Scope(ScopeType.ENTITY, id);
    }

    public static Scope account(String id) {
        return new Scope(ScopeType.ACCOUNT, id);
    }

    public static Scope key(String id) {
        return new Scope(ScopeType.KEY, id);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase() + ":" + id;
    }
}
