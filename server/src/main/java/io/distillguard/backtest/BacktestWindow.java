package io.distillguard.backtest;

import java.time.Instant;
import java.util.Objects;

/**
 * The validated event-time window {@code [from, to)} a backtest replays; open ends read as the whole log. Bounds stay
 * within epoch milliseconds (the store's time unit), so {@link Instant#MIN} is not a valid bound.
 */
public record BacktestWindow(Instant from, Instant to) {

    public static final Instant START = Instant.ofEpochMilli(Long.MIN_VALUE);
    public static final Instant END = Instant.ofEpochMilli(Long.MAX_VALUE);
    public static final BacktestWindow ALL = new BacktestWindow(START, END);

    public BacktestWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isBefore(START) || to.isAfter(END)) {
            throw new IllegalArgumentException("window bounds must be epoch milliseconds: " + from + " .. " + to);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty window: from " + from + " is not before to " + to);
        }
    }

    /** A window from optional bounds (null = open). */
    public static BacktestWindow of(Instant from, Instant to) {
        return new BacktestWindow(from == null ? START : from, to == null ? END : to);
    }
}
