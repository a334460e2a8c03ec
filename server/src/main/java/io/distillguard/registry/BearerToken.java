package io.distillguard.registry;

import java.util.Optional;

/** The parts of a DistillGuard API key as clients send it: {@code sk-dg-<keyId>-<secret>}. */
public record BearerToken(String keyId, String secret) {

    public static final String PREFIX = "sk-dg-";
    /** Base62 characters in a generated secret: about 256 bits. */
    public static final int SECRET_LENGTH = 43;

    /** A new token for {@code keyId} with a fresh random secret. */
    public static BearerToken generate(String keyId) {
        return new BearerToken(keyId, Ids.random("", SECRET_LENGTH));
    }

    /** The token in {@code value} (an optional "Bearer " prefix is ignored), or empty when it is not one. */
    public static Optional<BearerToken> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value.strip();
        if (!v.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dash = v.indexOf('-', PREFIX.length());
        if (dash <= PREFIX.length() || dash == v.length() - 1) {
            return Optional.empty();
        }
        String keyId = v.substring(PREFIX.length(), dash);
        if (!Ids.KEY_ID.matcher(keyId).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BearerToken(keyId, v.substring(dash + 1)));
    }

    /** The token as the client sends it. */
    public String value() {
        return PREFIX + keyId + "-" + secret;
    }

    @Override
    public String toString() {
        return "BearerToken[" + PREFIX + keyId + "-***]";
    }
}
