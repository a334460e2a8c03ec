package io.distillguard.console;

import java.time.Duration;

/**
 * How long analyst sessions last and how hard failed sign-ins are slowed; validated, immutable.
 *
 * @param idleTimeout      a session unused this long is forgotten
 * @param absoluteTimeout  a session this old is ended however busy it is (sign in again)
 * @param failureDelay     the answer to the first failed sign-in from an address is delayed this long; each further
 *                         failure within {@code failureWindow} doubles it, up to {@code maxFailureDelay}
 * @param maxFailureDelay  the longest delay
 * @param failureWindow    failures older than this are forgotten
 */
public record ConsoleConfig(Duration idleTimeout, Duration absoluteTimeout, Duration failureDelay,
        Duration maxFailureDelay, Duration failureWindow) {

    public static final ConsoleConfig DEFAULTS = new ConsoleConfig(Duration.ofMinutes(30), Duration.ofHours(8),
            Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(15));

    public ConsoleConfig {
        positive(idleTimeout, "idleTimeout");
        positive(absoluteTimeout, "absoluteTimeout");
        positive(failureDelay, "failureDelay");
        positive(maxFailureDelay, "maxFailureDelay");
        positive(failureWindow, "failureWindow");
        if (absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("absoluteTimeout must be at least idleTimeout");
        }
        if (maxFailureDelay.compareTo(failureDelay) < 0) {
            throw new IllegalArgumentException("maxFailureDelay must be at least failureDelay");
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
