package io.distillguard.registry;

/** A key as the registry holds it: the public record and the salted hash of its secret. */
record StoredKey(ApiKey key, KeyHash hash) {
}
