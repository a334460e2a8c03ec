package io.distillguard.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What the registry keeps of a key's secret: a per-key random salt and SHA-256(salt || UTF-8 secret). Verification
 * recomputes the digest and compares in constant time.
 */
public record KeyHash(byte[] salt, byte[] hash) {

    public static final int SALT_BYTES = 16;

    public KeyHash {
        if (salt == null || salt.length < 8) {
            throw new IllegalArgumentException("salt must have at least 8 bytes");
        }
        if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("hash must be a 32-byte SHA-256 digest");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** A fresh salt and the digest of {@code secret} under it. */
    public static KeyHash of(String secret) {
        byte[] salt = Ids.randomBytes(SALT_BYTES);
        return new KeyHash(salt, digest(salt, secret));
    }

    /** Whether {@code secret} is the secret this hash was made from (constant-time compare). */
    public boolean matches(String secret) {
        return MessageDigest.isEqual(digest(salt, secret), hash);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
