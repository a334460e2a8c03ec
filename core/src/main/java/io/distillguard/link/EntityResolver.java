package io.distillguard.link;

/**
 * Maps an account to the entity that controls it. The gateway enforces entity-level limits and decisions through this
 * interface; the account-linking engine fills it. Implementations must be thread-safe and fast (called per request).
 */
@FunctionalInterface
public interface EntityResolver {

    /** The entity id of {@code accountId}; an account that is linked to nothing is its own entity. */
    String entityOf(String accountId);

    /** The resolver used before any linking: each account is its own entity, {@code "ent_" + accountId}. */
    static EntityResolver identity() {
        return accountId -> "ent_" + accountId;
    }
}
