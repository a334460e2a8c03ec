package io.distillguard.store;

import io.distillguard.event.Endpoint;
import io.distillguard.event.PromptFeatures;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageSource;
import io.distillguard.metering.WorkerTick;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store's single background writer: drains the queue into a DuckDB Appender and commits in groups, when
 * {@code batchSize} events are pending, when the oldest pending event is {@code flushInterval} old, or when a
 * {@link #WAKE} marker asks for it (with an unpark of the writer thread). Offering an event does not wake the writer:
 * it looks at its queue every tick ({@link WorkerTick}). Exits once the store is closing and nothing is left to write.
 */
final class EventWriter implements Runnable {

    /** Queue marker that asks for an immediate commit (flush, close); never written. */
    static final UsageEvent WAKE = new UsageEvent("wake", 0L, null, null, null, null, null, null, null, null,
            Endpoint.MODELS, RequestParams.NONE, PromptFeatures.EMPTY, 0L, 0L, 0, null, 0L, -1L, UsageSource.NONE,
            null, null);

    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    /** Longest sleep of the writer between looks at its queue. */
    static final long MAX_TICK_NANOS = 10_000_000;

    private final Database db;
    private final BlockingQueue<UsageEvent> queue;
    private final EventStoreConfig config;
    private final BooleanSupplier finished;
    private final Object progress = new Object();

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong commitNanosTotal = new AtomicLong();
    private volatile long lastCommitNanos;

    private DuckDBConnection connection;
    private DuckDBAppender appender;
    private long nextSeq;
    private int pending;
    private long oldestPendingAt;

    /** {@code finished} says whether the store is closed and no offer is in flight any more. */
    EventWriter(Database db, BlockingQueue<UsageEvent> queue, EventStoreConfig config, BooleanSupplier finished) {
        this.db = db;
        this.queue = queue;
        this.config = config;
        this.finished = finished;
    }

    @Override
    public void run() {
        try {
            open();
            // The writer sleeps a tick at a time and is not woken by each event (WorkerTick); an event may wait up to
            // one tick before it is appended, so the commit deadline is the interval less one tick.
            long tick = Math.max(1, Math.min(MAX_TICK_NANOS, config.flushInterval().toNanos() / 10));
            long interval = Math.max(1, config.flushInterval().toNanos() - tick);
            while (!(finished.getAsBoolean() && queue.isEmpty())) {
                UsageEvent e = queue.poll();
                if (e == null) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException();
                    }
                    long wait = pending == 0 ? tick : Math.min(tick, oldestPendingAt + interval - System.nanoTime());
                    WorkerTick.idle(wait);
                    e = queue.poll();
                }
                boolean asked = false;
                for (; e != null; e = pending == 0 || !due(interval) ? queue.poll() : null) {
                    if (e == WAKE) {
                        asked = true;
                    } else {
                        append(e);
                    }
                }
                if (pending > 0 && (asked || due(interval))) {
                    commit();
                } else if (asked) {
                    signal();
                }
            }
            commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("event writer interrupted with {} events pending and {} queued", pending, queue.size());
        } finally {
            closeQuietly();
            signal();
        }
    }

    private boolean due(long interval) {
        return pending >= config.batchSize() || System.nanoTime() - oldestPendingAt >= interval;
    }

    private void open() {
        connection = db.connection();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(seq), 0) FROM " + UsageEventRows.TABLE)) {
            rs.next();
            nextSeq = rs.getLong(1) + 1;
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, UsageEventRows.TABLE);
        } catch (SQLException e) {
            throw new StoreException("cannot open the usage_events appender", e);
        }
    }

    private void append(UsageEvent e) {
        if (pending == 0) {
            oldestPendingAt = System.nanoTime();
        }
        try {
            UsageEventRows.append(appender, nextSeq, e);
            nextSeq++;
            pending++;
        } catch (SQLException ex) {
            log.error("cannot append event {}: {}", e.requestId(), ex.getMessage());
            failed.incrementAndGet();
            reopenAppender();
        }
    }

    private void commit() {
        if (pending == 0) {
            signal();
            return;
        }
        long start = System.nanoTime();
        try {
            appender.flush();
            written.addAndGet(pending);
        } catch (SQLException ex) {
            log.error("group commit of {} events failed: {}", pending, ex.getMessage());
            reopenAppender();
        }
        long took = System.nanoTime() - start;
        lastCommitNanos = took;
        commitNanosTotal.addAndGet(took);
        commits.incrementAndGet();
        pending = 0;
        signal();
    }

    /** Replaces a broken appender; its complete pending rows are committed if DuckDB still can, else counted lost. */
    private void reopenAppender() {
        try {
            appender.close();
            written.addAndGet(pending);
        } catch (SQLException e) {
            log.error("{} pending events lost with the broken appender: {}", pending, e.getMessage());
            failed.addAndGet(pending);
        }
        pending = 0;
        signal();
        try {
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, UsageEventRows.TABLE);
        } catch (SQLException e) {
            throw new StoreException("cannot reopen the usage_events appender", e);
        }
    }

    private void closeQuietly() {
        try {
            if (appender != null) {
                appender.close();
            }
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            log.error("closing the event writer failed: {}", e.getMessage());
        }
    }

    private void signal() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Blocks until {@code target} events were written or failed, or the writer thread {@code thread} ended. */
    void awaitProcessed(long target, Thread thread) throws InterruptedException {
        synchronized (progress) {
            while (processed() < target && thread.isAlive()) {
                progress.wait(50);
            }
        }
    }

    long processed() {
        return written.get() + failed.get();
    }

    long written() {
        return written.get();
    }

    long failed() {
        return failed.get();
    }

    long commits() {
        return commits.get();
    }

    long commitNanosTotal() {
        return commitNanosTotal.get();
    }

    long lastCommitNanos() {
        return lastCommitNanos;
    }
}
