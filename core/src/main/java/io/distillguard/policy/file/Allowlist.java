package io.distillguard.policy.file;

import java.util.Map;
import java.util.Optional;

/** The policy file's allowlist, indexed by entity id and by account id. */
public record Allowlist(Map<String, AllowlistEntry> entities, Map<String, AllowlistEntry> accounts) {

    public static final Allowlist EMPTY = new Allowlist(Map.of(), Map.of());

    public Allowlist {
        entities = Map.copyOf(entities);
        accounts = Map.copyOf(accounts);
    }

    /** The entry covering the entity or the account, entity first. */
    public Optional<AllowlistEntry> match(String entityId, String accountId) {
        AllowlistEntry e = entityId == null ? null : entities.get(entityId);
        if (e == null && accountId != null) {
            e = accounts.get(accountId);
        }
        return Optional.ofNullable(e);
    }

    public int size() {
        return entities.size() + accounts.size();
    }
}
