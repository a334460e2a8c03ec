package io.distillguard.registry;

import java.util.Optional;

/** Read-only lookup of account attributes for detectors and linking; thread-safe and in memory (called per event). */
@FunctionalInterface
public interface AccountDirectory {

    /** The account and its tier, or empty for an unknown account. */
    Optional<AccountProfile> profile(String accountId);
}
