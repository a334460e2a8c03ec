package io.distillguard.store;

import java.time.Duration;

/**
 * Settings of the {@link EventStore}'s write path.
 *
 * @param queueCapacity  events buffered between {@link EventStore#offer} and the writer; when full, offer says no
 * @param batchSize      a group commit happens as soon as this many events are pending
 * @param flushInterval  ... or when the oldest pending event has waited this long
 */
public record EventStoreConfig(int queueCapacity, int batchSize, Duration flushInterval) {

    /** 64k buffered events, commits of up to 4096 events, at most 100 ms apart. */
    public static final EventStoreConfig DEFAULTS = new EventStoreConfig(65_536, 4_096, Duration.ofMillis(100));

    public EventStoreConfig {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be > 0");
        }
    }
}
