package io.distillguard.backtest;

import java.time.Instant;
import java.util.Objects;

/** The validated event-time window {@code [from, to)} a backtest replays; open ends read as the whole log. */
public record BacktestWindow(Instant from, Instant to) {

    public static final BacktestWindow ALL = new BacktestWindow(Instant.MIN, Instant.MAX);

    public BacktestWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty window: from " + from + " is not before to " + to);
        }
    }

    /** A window from optional bounds (null = open). */
    public static BacktestWindow of(Instant from, Instant to) {
        return new BacktestWindow(from == null ? Instant.MIN : from, to == null ? Instant.MAX : to);
    }
}
