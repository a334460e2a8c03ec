package io.distillguard.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The disk spool in front of Kafka: every usage event is appended here before it is sent, and deleted only after the
 * broker acknowledged it, so events survive a Kafka outage and a gateway restart.
 *
 * @param dir             spool directory; null = {@code <metering.dataDir>/kafka-spool}
 * @param maxBytes        bound on the spool's size on disk; reaching it triggers {@link #whenFull}
 * @param segmentBytes    size at which a segment file is closed and a new one started (a segment is deleted once all
 *                        its events are acknowledged)
 * @param fsync           {@code always} (each event, slowest), {@code interval} (every {@link #fsyncIntervalMs}, on
 *                        segment roll and on close) or {@code never} (the OS decides; survives a process crash but not
 *                        a power loss)
 * @param fsyncIntervalMs period of {@code interval} fsyncs
 * @param whenFull        {@code reject}: the gateway answers new requests 503 until the spool has room (events of
 *                        requests already admitted are still written, so the bound may be exceeded by those);
 *                        {@code drop}: requests go on, new events are dropped, counted and logged
 */
public record SpoolSettings(String dir, long maxBytes, int segmentBytes, Fsync fsync, int fsyncIntervalMs,
                            WhenFull whenFull) {

    /** When spool appends reach the disk. */
    public enum Fsync {
        @JsonProperty("always") ALWAYS,
        @JsonProperty("interval") INTERVAL,
        @JsonProperty("never") NEVER
    }

    /** What the gateway does while the spool is at its bound. */
    public enum WhenFull {
        @JsonProperty("reject") REJECT,
        @JsonProperty("drop") DROP
    }

    public SpoolSettings {
        maxBytes = maxBytes == 0 ? 1L << 30 : maxBytes;
        segmentBytes = segmentBytes == 0 ? 8 << 20 : segmentBytes;
        fsync = fsync == null ? Fsync.INTERVAL : fsync;
        fsyncIntervalMs = fsyncIntervalMs == 0 ? 200 : fsyncIntervalMs;
        whenFull = whenFull == null ? WhenFull.REJECT : whenFull;
        Check.range("events.spool.segmentBytes", segmentBytes, 4_096, 1 << 30);
        Check.range("events.spool.maxBytes", maxBytes, segmentBytes, Long.MAX_VALUE);
        Check.range("events.spool.fsyncIntervalMs", fsyncIntervalMs, 1, 60_000);
    }

    public static SpoolSettings defaults() {
        return new SpoolSettings(null, 0, 0, null, 0, null);
    }

    public SpoolSettings withDir(String d) {
        return new SpoolSettings(d, maxBytes, segmentBytes, fsync, fsyncIntervalMs, whenFull);
    }

    public SpoolSettings withBounds(long max, int segment) {
        return new SpoolSettings(dir, max, segment, fsync, fsyncIntervalMs, whenFull);
    }

    public SpoolSettings withWhenFull(WhenFull w) {
        return new SpoolSettings(dir, maxBytes, segmentBytes, fsync, fsyncIntervalMs, w);
    }
}
