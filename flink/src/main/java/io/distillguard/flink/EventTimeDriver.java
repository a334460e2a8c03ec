package io.distillguard.flink;

import io.distillguard.detect.DetectionEngine;
import io.distillguard.event.UsageEvent;
import java.util.Comparator;

/**
 * Drives a {@link DetectionEngine} on event time only, so that the job and an embedded replay of the same events
 * produce the same output: events in {@link #ORDER}, and every {@code flushEveryMs} of event time the entities with
 * unscored events are scored (as the embedded service's timer does in wall time). No Flink types: the tests run the
 * embedded reference through the same driver.
 */
public final class EventTimeDriver {
    /** The total order the job feeds events in: event time, then request id (ties across partitions). */
    public static final Comparator<UsageEvent> ORDER = Comparator.comparingLong(UsageEvent::timestampMs)
            .thenComparing(UsageEvent::requestId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final long flushEveryMs;
    private long nextFlushMs = Long.MIN_VALUE;
    private long lastEventMs = Long.MIN_VALUE;

    public EventTimeDriver(long flushEveryMs) {
        this.flushEveryMs = flushEveryMs;
    }

    /** Feeds one event (in {@link #ORDER}), first scoring pending entities at each flush tick it passes. */
    public void onEvent(DetectionEngine engine, UsageEvent e) {
        if (flushEveryMs > 0) {
            if (nextFlushMs == Long.MIN_VALUE) {
                nextFlushMs = Math.floorDiv(e.timestampMs(), flushEveryMs) * flushEveryMs + flushEveryMs;
            }
            if (e.timestampMs() >= nextFlushMs) {
                engine.flush(nextFlushMs);
                nextFlushMs = (Math.floorDiv(e.timestampMs(), flushEveryMs) + 1) * flushEveryMs;
            }
        }
        lastEventMs = Math.max(lastEventMs, e.timestampMs());
        engine.onEvent(e);
    }

    /** End of input: scores every entity with unscored events at the last event's time. */
    public void end(DetectionEngine engine) {
        if (lastEventMs != Long.MIN_VALUE) {
            engine.flush(lastEventMs);
        }
    }
}
