package io.distillguard.limit;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.Objects;

/**
 * Bucket4j's time source read from an injected {@link Clock}, so buckets refill on virtual time in simulations.
 * It reads {@link Clock#millis()}: millisecond precision is plenty for rate limits and is the cheapest read of both
 * the system clock and a virtual one (every bucket operation reads the time).
 */
public final class ClockTimeMeter implements TimeMeter {
    private final Clock clock;

    public ClockTimeMeter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long currentTimeNanos() {
        return clock.millis() * 1_000_000L;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
