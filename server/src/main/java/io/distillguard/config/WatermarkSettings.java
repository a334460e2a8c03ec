package io.distillguard.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The {@code watermark} section: whether the gateway marks output text with the keyed lexical watermark, where the
 * global key comes from, which responses are marked and how strongly.
 *
 * @param enabled  mark chat completions, completions and responses output text
 * @param keyFile  file holding the global key in hex (at least 32 hex digits); when null the key is read from the
 *                 environment variable {@code DISTILLGUARD_WATERMARK_KEY}
 * @param scope    ALL: every response (under its entity's sub-key); FLAGGED: only responses whose exchange carries a
 *                 strength set by the policy engine
 * @param strength share of synonym slots marked, in (0, 1]; a strength set on the exchange by policy overrides it
 */
public record WatermarkSettings(boolean enabled, String keyFile, Scope scope, double strength) {

    public static final String KEY_ENV = "DISTILLGUARD_WATERMARK_KEY";

    /** Which responses carry the mark. */
    public enum Scope { ALL, FLAGGED }

    public WatermarkSettings {
        scope = scope == null ? Scope.ALL : scope;
        strength = strength == 0 ? 1.0 : strength;
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("watermark.strength must be in (0, 1], got " + strength);
        }
    }

    public static WatermarkSettings defaults() {
        return new WatermarkSettings(false, null, null, 0);
    }

    public WatermarkSettings withEnabled(boolean on) {
        return new WatermarkSettings(on, keyFile, scope, strength);
    }

    public WatermarkSettings withKeyFile(String file) {
        return new WatermarkSettings(enabled, file, scope, strength);
    }

    public WatermarkSettings withScope(Scope s) {
        return new WatermarkSettings(enabled, keyFile, s, strength);
    }

    /** The global key's bytes from {@link #keyFile} or the environment; fails naming the field when absent or bad. */
    public byte[] readKey() {
        String hex;
        if (keyFile != null) {
            try {
                hex = Files.readString(Path.of(keyFile)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("watermark.keyFile " + keyFile + " cannot be read", e);
            }
        } else {
            hex = System.getenv(KEY_ENV);
            if (hex == null || hex.isBlank()) {
                throw new IllegalArgumentException("watermark.enabled needs watermark.keyFile or " + KEY_ENV);
            }
            hex = hex.strip();
        }
        if (hex.length() < 32 || !hex.matches("[0-9a-fA-F]+") || hex.length() % 2 != 0) {
            throw new IllegalArgumentException("the watermark key must be an even number (>= 32) of hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }
}
