package io.distillguard.registry;

/**
 * A freshly created key and its bearer token {@code sk-dg-<keyId>-<secret>}: the only time the plaintext exists outside
 * the client. {@link #toString} leaves the secret out so it cannot leak into logs.
 */
public record IssuedKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedKey[key=" + key + ", secret=sk-dg-" + key.id() + "-***]";
    }
}
