package io.distillguard.detect.account;

/**
 * Where the detection engine looks up account attributes (the account store, a cache of it, a test table). Called
 * once when an account is first seen and once per member when an entity is scored, so implementations should cache.
 */
@FunctionalInterface
public interface AccountDirectory {

    /** The profile of {@code accountId}; never null (unknown accounts get a default-tier profile). */
    AccountProfile profile(String accountId);
}
