package io.distillguard.watermark;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret watermark key: the provider's global key, or an entity's sub-key derived from it by HMAC-SHA256 so that a
 * detected mark can be attributed to the entity whose responses carried it. Immutable; the secret never leaves it.
 */
public final class WatermarkKey {

    public static final String GLOBAL_ID = "global";
    private static final String ENTITY_LABEL = "distillguard/watermark/entity/";

    private final String id;
    private final byte[] secret;

    private WatermarkKey(String id, byte[] secret) {
        this.id = Objects.requireNonNull(id, "id");
        if (secret.length < 16) {
            throw new IllegalArgumentException("a watermark key needs at least 16 bytes, got " + secret.length);
        }
        this.secret = secret.clone();
    }

    /** The provider-wide key (at least 16 random bytes). */
    public static WatermarkKey global(byte[] secret) {
        return new WatermarkKey(GLOBAL_ID, secret);
    }

    /** The sub-key of one entity: HMAC-SHA256(this key, label || entityId). */
    public WatermarkKey forEntity(String entityId) {
        return new WatermarkKey("entity:" + entityId, hmac(secret, (ENTITY_LABEL + entityId).getBytes(StandardCharsets.UTF_8)));
    }

    /** "global" or "entity:&lt;id&gt;". */
    public String id() {
        return id;
    }

    /** A fresh keyed hash over (context, class); not thread-safe, so each session or detector run opens its own. */
    public KeyedChoice newChoice() {
        return new KeyedChoice(secret);
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatermarkKey k && id.equals(k.id) && Arrays.equals(secret, k.secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "WatermarkKey[" + id + "]";
    }
}
