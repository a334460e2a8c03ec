package io.distillguard.registry;

import java.time.Instant;
import java.util.Objects;

/** A customer organisation: the billing party that owns accounts. */
public record Organization(String id, String name, Instant createdAt) {

    public Organization {
        Ids.require(Ids.ENTITY_ID, id, "org id");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("org name must not be blank");
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
