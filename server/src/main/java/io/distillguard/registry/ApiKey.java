package io.distillguard.registry;

import java.time.Instant;
import java.util.Objects;

/** The public side of an API key: its id (part of the bearer token), owner and lifecycle. Never holds the secret. */
public record ApiKey(String id, String accountId, String name, Instant createdAt, Instant revokedAt) {

    public ApiKey {
        Ids.require(Ids.KEY_ID, id, "key id");
        Ids.require(Ids.ENTITY_ID, accountId, "account id");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public ApiKey revokedAt(Instant at) {
        return new ApiKey(id, accountId, name, createdAt, at);
    }
}
