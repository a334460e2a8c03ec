package io.distillguard.link;

import java.util.Objects;

/**
 * The gateway's {@link EntityResolver} backed by the account linker: per-request lookups from any thread see the
 * entities the linker has formed so far, and the totals that entity-level limits are enforced on.
 */
public final class LinkedEntityResolver implements EntityResolver {
    private final AccountLinker linker;

    public LinkedEntityResolver(AccountLinker linker) {
        this.linker = Objects.requireNonNull(linker);
    }

    @Override
    public String entityOf(String accountId) {
        return linker.entityOf(accountId);
    }

    /** Requests and tokens of {@code entityId} so far. */
    public EntityTotals totals(String entityId) {
        return linker.totals(entityId);
    }
}
