package io.distillguard.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that only moves when told to. Simulations and tests inject it wherever the production code takes a
 * {@code Clock}, so that thirty days of traffic run in minutes and the same seed gives the same result.
 */
public final class VirtualClock extends Clock {
    private final AtomicLong millis;

    public VirtualClock(long startEpochMillis) {
        this.millis = new AtomicLong(startEpochMillis);
    }

    /** Moves the clock forward by {@code deltaMillis} (never backwards). */
    public void advance(long deltaMillis) {
        if (deltaMillis < 0) {
            throw new IllegalArgumentException("a virtual clock never goes back: " + deltaMillis);
        }
        millis.addAndGet(deltaMillis);
    }

    /** Sets the clock to {@code epochMillis} if that is later than now; earlier times are ignored. */
    public void advanceTo(long epochMillis) {
        millis.accumulateAndGet(epochMillis, Math::max);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
