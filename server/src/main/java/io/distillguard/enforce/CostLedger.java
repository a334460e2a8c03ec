package io.distillguard.enforce;

import io.distillguard.policy.audit.AuditLog;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each decision cost its customer: requests refused and tokens withheld, counted on the request path without
 * locks and written to the audit log as one {@code cost} record per decision and flush (periodically on a daemon
 * thread, and on close), never one line per request. Shadow decisions are counted too: their cost records say what
 * the decision would have cost (the decision's own audit record carries {@code mode: shadow}).
 */
public final class CostLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CostLedger.class);

    private final AuditLog audit;
    private final ConcurrentHashMap<String, Totals> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    /** Counts since the last flush for one decision; an entry idle for a whole flush interval is dropped. */
    private static final class Totals {
        final LongAdder refused = new LongAdder();
        final LongAdder withheld = new LongAdder();
        boolean idle;
    }

    /** @param flushIntervalMs how often to write; 0 for never by itself (only {@link #flush()} and close) */
    public CostLedger(AuditLog audit, long flushIntervalMs) {
        this.audit = audit;
        if (flushIntervalMs > 0) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "policy-cost-flush");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(this::flushQuietly, flushIntervalMs, flushIntervalMs, TimeUnit.MILLISECONDS);
        } else {
            flusher = null;
        }
    }

    public void refused(String decisionId) {
        add(decisionId, 1, 0);
    }

    public void withheld(String decisionId, long tokens) {
        if (tokens > 0) {
            add(decisionId, 0, tokens);
        }
    }

    /** compute() holds the entry's bin, so an update never lands on an entry the flush is dropping. */
    private void add(String decisionId, long refused, long withheld) {
        pending.compute(decisionId, (k, t) -> {
            Totals totals = t == null ? new Totals() : t;
            totals.refused.add(refused);
            totals.withheld.add(withheld);
            return totals;
        });
    }

    /** Writes one cost record per decision with counts since the last flush; returns how many were written. */
    public synchronized int flush() {
        int written = 0;
        for (String id : pending.keySet()) {
            long[] counts = new long[2];
            pending.computeIfPresent(id, (k, t) -> {
                counts[0] = t.refused.sumThenReset();
                counts[1] = t.withheld.sumThenReset();
                boolean wasIdle = t.idle;
                t.idle = counts[0] == 0 && counts[1] == 0;
                return t.idle && wasIdle ? null : t;
            });
            if (counts[0] > 0 || counts[1] > 0) {
                audit.appendCost(id, counts[0], counts[1]);
                written++;
            }
        }
        return written;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.error("cannot write policy cost records", e);
        }
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flushQuietly();
    }
}
