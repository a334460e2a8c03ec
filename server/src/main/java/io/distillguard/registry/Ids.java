package io.distillguard.registry;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Shapes of registry identifiers and the random ids and secrets the registry mints (base62 from SecureRandom). */
public final class Ids {

    /** Org and account ids: what billing systems use, UUIDs included. */
    public static final Pattern ENTITY_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");
    /** Key ids appear inside the bearer token between dashes, so they have none. */
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_]{1,64}");
    /** Tier names. */
    public static final Pattern TIER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code prefix} followed by {@code length} random base62 characters. */
    public static String random(String prefix, int length) {
        StringBuilder sb = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            sb.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return sb.toString();
    }

    /** {@code n} bytes from SecureRandom. */
    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Returns {@code value} when it matches {@code shape}, else throws naming {@code what}. */
    static String require(Pattern shape, String value, String what) {
        if (value == null || !shape.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + shape.pattern() + ", got: " + value);
        }
        return value;
    }
}
