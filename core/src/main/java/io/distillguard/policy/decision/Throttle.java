package io.distillguard.policy.decision;

/**
 * Slow the scope down: its rate limits are multiplied by {@code factor} and each request is held {@code delayMs}.
 *
 * @param factor  share of the normal rate limit left, in (0, 1]
 * @param delayMs added latency per request in milliseconds (0 for none)
 */
public record Throttle(double factor, long delayMs, Issuance issuance) implements Decision {

    public Throttle {
        if (!(factor > 0.0 && factor <= 1.0)) {
            throw new IllegalArgumentException("throttle factor must be in (0, 1]: " + factor);
        }
        if (delayMs < 0) {
            throw new IllegalArgumentException("throttle delay_ms must be >= 0: " + delayMs);
        }
    }

    @Override
    public Severity severity() {
        return Severity.THROTTLE;
    }

    /** A smaller factor bites harder; the delay (in seconds) breaks ties. */
    @Override
    public double intensity() {
        return (1.0 - factor) * 1_000.0 + Math.min(delayMs, 999_999) / 1_000_000.0;
    }

    @Override
    public Decision withIssuance(Issuance issuance) {
        return new Throttle(factor, delayMs, issuance);
    }
}
