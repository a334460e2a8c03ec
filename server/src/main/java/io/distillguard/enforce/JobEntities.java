package io.distillguard.enforce;

import io.distillguard.link.EntityResolver;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The detection job's entities as this gateway learns them from the decisions topic: each entity decision lists the
 * entity's member accounts, so the gateway can resolve an account to the job's entity and hold the decision once per
 * entity in its cache (an entity-scope entry) instead of one copy per member account. Accounts the job never decided
 * on resolve through the gateway's own resolver. Thread-safe: written by the consumer thread, read per request.
 */
public final class JobEntities implements EntityResolver {
    private final EntityResolver fallback;
    private final ConcurrentHashMap<String, String> entityOfAccount = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> membersOfEntity = new ConcurrentHashMap<>();

    public JobEntities(EntityResolver fallback) {
        this.fallback = Objects.requireNonNull(fallback);
    }

    @Override
    public String entityOf(String accountId) {
        String entity = entityOfAccount.get(accountId);
        return entity != null ? entity : fallback.entityOf(accountId);
    }

    /**
     * Records that {@code entityId} has {@code members} now (as of the job's latest decision for it). Accounts that
     * were members before and are no longer (the job split them off) fall back to the gateway's resolver unless another
     * entity claimed them since.
     */
    public void update(String entityId, List<String> members) {
        Set<String> now = Set.copyOf(members);
        Set<String> before = membersOfEntity.put(entityId, now);
        if (before != null) {
            for (String gone : before) {
                if (!now.contains(gone)) {
                    entityOfAccount.remove(gone, entityId);
                }
            }
        }
        for (String account : now) {
            entityOfAccount.put(account, entityId);
        }
    }

    /** The accounts mapped to a job entity (for metrics and tests). */
    public int accounts() {
        return entityOfAccount.size();
    }

    /** The current mapping, a copy (for tests and the admin API). */
    public Map<String, String> snapshot() {
        return Map.copyOf(entityOfAccount);
    }
}
