package io.distillguard.store;

import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The durable usage log: every metered request as one row of {@code usage_events} in the process's DuckDB file.
 *
 * <p>Writes never block the request path: {@link #offer} puts the event in a bounded buffer (false when it is full, so
 * the caller can shed or alert) and one background thread appends with the DuckDB Appender and commits in groups
 * (see {@link EventStoreConfig}). {@link #flush} and {@link #close} wait until everything offered before them is
 * committed, so a clean shutdown loses nothing. Reads ({@link #replay}, {@link #count}, {@link #query}, exports) see
 * committed events only: call {@link #flush} first to read your own writes.
 */
public final class EventStore implements UsageEventSink, AutoCloseable {

    private final BlockingQueue<UsageEvent> queue;
    private final EventWriter writer;
    private final Thread thread;
    private final EventReader reader;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closed;

    /** Starts the writer thread on {@code db}; the database outlives the store (close the store first). */
    public EventStore(Database db, EventStoreConfig config) {
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.writer = new EventWriter(db, queue, config, () -> closed && inFlight.get() == 0);
        this.reader = new EventReader(db);
        this.thread = Thread.ofPlatform().name("distillguard-event-writer").daemon(true).start(writer);
    }

    /** Queues {@code event} without blocking; false when the buffer is full or the store is closed. */
    public boolean offer(UsageEvent event) {
        inFlight.incrementAndGet();
        try {
            if (closed || !queue.offer(event)) {
                rejected.incrementAndGet();
                return false;
            }
            accepted.incrementAndGet();
            return true;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Queues {@code event}, waiting for room when the buffer is full (back-pressure for bulk loads and replays).
     *
     * @throws IllegalStateException when the store is closed
     */
    @Override
    public void accept(UsageEvent event) {
        inFlight.incrementAndGet();
        try {
            if (closed) {
                throw new IllegalStateException("event store is closed");
            }
            queue.put(event);
            accepted.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing " + event.requestId(), e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Commits everything queued before this call and waits until it is durable (or failed, see {@link #writeFailures}). */
    public void flush() {
        long target = accepted.get();
        if (writer.processed() >= target) {
            return;
        }
        queue.offer(EventWriter.WAKE);
        LockSupport.unpark(thread);
        try {
            writer.awaitProcessed(target, thread);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking events, commits everything queued and stops the writer. Idempotent. */
    @Override
    public void close() {
        closed = true;
        queue.offer(EventWriter.WAKE);
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Calls {@code sink} with the committed events of {@code [from, to)} in event-time order, ties in arrival order. */
    public void replay(Instant from, Instant to, UsageEventSink sink) {
        reader.replay(epochMillis(from), epochMillis(to), sink);
    }

    /** Epoch millis of {@code t}, clamped so that {@code Instant.MIN}/{@code MAX} mean an open end. */
    private static long epochMillis(Instant t) {
        if (t.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
            return Long.MIN_VALUE;
        }
        if (t.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
            return Long.MAX_VALUE;
        }
        return t.toEpochMilli();
    }

    /** Number of committed events. */
    public long count() {
        return reader.count();
    }

    /**
     * Runs a read-only query (a SELECT over {@code usage_events}, the registry tables or files) with {@code args} bound
     * to its {@code ?} placeholders; one map per row, column label to the JDBC value (BLOBs as {@code byte[]}).
     *
     * @throws IllegalArgumentException when the statement does not return rows (it is never committed either way)
     */
    public List<Map<String, Object>> query(String sql, Object... args) {
        return reader.query(sql, args);
    }

    /** Writes all committed events to {@code file} as JSON Lines, one {@link UsageEvent} per line, in event order. */
    public void exportJsonl(Path file) {
        reader.exportJsonl(file);
    }

    /** Writes the {@code usage_events} table to {@code file} as Parquet (DuckDB COPY), in event order. */
    public void exportParquet(Path file) {
        reader.exportParquet(file);
    }

    /** Events accepted but not yet committed (buffered or in the open group commit). */
    public long queueDepth() {
        return Math.max(0, accepted.get() - writer.processed());
    }

    public int queueCapacity() {
        return queue.size() + queue.remainingCapacity();
    }

    /** Events committed since start. */
    public long eventsWritten() {
        return writer.written();
    }

    /** Offers refused because the buffer was full or the store closed. */
    public long eventsRejected() {
        return rejected.get();
    }

    /** Events the database refused (logged); these are lost. */
    public long writeFailures() {
        return writer.failed();
    }

    /** Group commits since start. */
    public long flushCount() {
        return writer.commits();
    }

    /** Time spent in group commits since start, for a rate or a Micrometer FunctionTimer. */
    public Duration flushTimeTotal() {
        return Duration.ofNanos(writer.commitNanosTotal());
    }

    /** Duration of the latest group commit. */
    public Duration lastFlushLatency() {
        return Duration.ofNanos(writer.lastCommitNanos());
    }
}
