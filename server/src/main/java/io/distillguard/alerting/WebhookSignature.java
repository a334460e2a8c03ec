package io.distillguard.alerting;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signature of a webhook body, so a receiver can tell a finding DistillGuard sent from a forged or edited
 * one and refuse a replayed one. Header {@value #HEADER}: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}
 * under the shared secret. The timestamp is signed with the body: a receiver rejects a signature whose {@code t} is
 * more than its tolerance (default {@value #DEFAULT_TOLERANCE_S} s) away from its own clock, and drops a finding uid it
 * has already accepted within that window. Immutable and thread-safe (a fresh {@link Mac} per call).
 */
public final class WebhookSignature {
    public static final String HEADER = "X-DistillGuard-Signature";
    public static final long DEFAULT_TOLERANCE_S = 300;
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    /** @param secret the shared secret (UTF-8 bytes are the HMAC key), at least 16 characters */
    public WebhookSignature(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("webhook secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    public String sign(long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HEX.formatHex(mac(unixSeconds, body));
    }

    /** Checks a received header against the raw body at the receiver's {@code nowSeconds}. */
    public Verification verify(String header, byte[] body, long nowSeconds, long toleranceSeconds) {
        if (header == null) {
            return Verification.MISSING;
        }
        Long t = null;
        byte[] v1 = null;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part.trim() : part.substring(0, eq).trim();
            String value = eq < 0 ? "" : part.substring(eq + 1).trim();
            try {
                if (name.equals("t")) {
                    t = Long.parseLong(value);
                } else if (name.equals("v1") && value.length() == 64) {
                    v1 = HEX.parseHex(value);
                }
            } catch (IllegalArgumentException e) {
                return Verification.MALFORMED;
            }
        }
        if (t == null || v1 == null) {
            return Verification.MALFORMED;
        }
        if (Math.abs(nowSeconds - t) > toleranceSeconds) {
            return Verification.OUTSIDE_WINDOW;
        }
        return MessageDigest.isEqual(v1, mac(t, body)) ? Verification.VALID : Verification.BAD_SIGNATURE;
    }

    private byte[] mac(long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Outcome of {@link #verify}: only {@code VALID} means the body is authentic and fresh. */
    public enum Verification {
        VALID, MISSING, MALFORMED, OUTSIDE_WINDOW, BAD_SIGNATURE
    }
}
