package io.distillguard.watermark;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * HMAC-SHA256 of (synonym class, previous word) under one key. It decides whether a slot is watermarked at all (the
 * slot is selected with probability equal to the strength) and which class member to emit there. Conditioning on the
 * previous word (as CATER does) spreads the choices so that word frequencies alone do not reveal the key.
 * Not thread-safe.
 */
public final class KeyedChoice {

    private final Mac mac;

    KeyedChoice(byte[] secret) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }

    /** The keyed decision for one slot. */
    public Decision decide(String context, SynonymClass synonymClass) {
        mac.update(ByteBuffer.allocate(4).putInt(synonymClass.id()).array());
        byte[] digest = mac.doFinal(context.getBytes(StandardCharsets.UTF_8));
        ByteBuffer bits = ByteBuffer.wrap(digest);
        double uniform = (bits.getLong() >>> 11) * 0x1.0p-53;
        int member = (int) Long.remainderUnsigned(bits.getLong(), synonymClass.size());
        return new Decision(uniform, member);
    }

    /**
     * @param uniform a uniform number in [0,1): the slot is watermarked when it is below the strength
     * @param member  index of the class member the key picks
     */
    public record Decision(double uniform, int member) {
        public boolean selected(double strength) {
            return uniform < strength;
        }
    }
}
