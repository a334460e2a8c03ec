package io.distillguard.config;

import io.distillguard.console.ConsoleConfig;
import java.time.Duration;

/**
 * The admin credential and the console's sessions. When {@code token} is null a random one is generated at start and
 * printed once; in production set it (or {@code DISTILLGUARD_ADMIN_TOKEN}).
 *
 * @param token                 admin bearer token and console sign-in credential (>= 16 characters), or null
 * @param consoleSessionIdleMin a console session unused this many minutes is forgotten (default 30)
 * @param consoleSessionMaxMin  a console session ends this many minutes after sign-in however busy (default 480)
 */
public record AdminConfig(String token, Integer consoleSessionIdleMin, Integer consoleSessionMaxMin) {

    public AdminConfig {
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException("admin.token must be at least 16 characters");
        }
        consoleSessionIdleMin = consoleSessionIdleMin == null ? 30 : consoleSessionIdleMin;
        consoleSessionMaxMin = consoleSessionMaxMin == null ? 480 : consoleSessionMaxMin;
        if (consoleSessionIdleMin < 1 || consoleSessionMaxMin < consoleSessionIdleMin) {
            throw new IllegalArgumentException("admin.consoleSessionIdleMin must be >= 1 and admin.consoleSessionMaxMin"
                    + " >= consoleSessionIdleMin: " + consoleSessionIdleMin + ", " + consoleSessionMaxMin);
        }
    }

    public static AdminConfig defaults() {
        return new AdminConfig(null, null, null);
    }

    /** The console's session and sign-in settings: these session lengths, the default sign-in slow-down. */
    public ConsoleConfig console() {
        ConsoleConfig d = ConsoleConfig.DEFAULTS;
        return new ConsoleConfig(Duration.ofMinutes(consoleSessionIdleMin), Duration.ofMinutes(consoleSessionMaxMin),
                d.failureDelay(), d.maxFailureDelay(), d.failureWindow());
    }
}
