package io.distillguard.sim.run;

import io.distillguard.gateway.RequestTimeClock;
import io.distillguard.limit.ActualUsage;
import io.distillguard.limit.Admission;
import io.distillguard.limit.Demand;
import io.distillguard.limit.Quotas;
import io.distillguard.limit.Reservation;
import io.distillguard.limit.Scope;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's quotas in a virtual-time run, so that shared quotas see requests in planned order without the harness
 * waiting for one request's reply before it sends the next of the same organisation or entity. The harness registers
 * each request's gate (the admissions of the earlier requests sharing a scope with it) before sending it; the request's
 * admission waits in the gateway, off the event loop's critical path, until the gate opens, then runs on the request's
 * own context (its planned time). Settlements (the correction of a reservation with the actual usage) are held and
 * applied at the next barrier in planned order, so no admission ever races a settlement. Requests without a harness
 * sequence number go straight through.
 */
final class SequencedQuotas implements Quotas {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SequencedQuotas.class);

    private record Entry(CompletableFuture<?> gate, CompletableFuture<Void> passed) {
    }

    private record Held(long seq, Reservation reservation, ActualUsage actual) {
    }

    private final Quotas delegate;
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
    private final AtomicLong waited = new AtomicLong();
    private final AtomicLong lostContext = new AtomicLong();

    SequencedQuotas(Quotas delegate) {
        this.delegate = delegate;
    }

    /**
     * Before request {@code seq} is sent: it is admitted once {@code gate} completes, and {@code passed} completes when
     * it has been admitted or refused (the caller also completes it when the reply comes: a request refused before
     * admission, e.g. by a block, never reaches it).
     */
    void register(long seq, CompletableFuture<?> gate, CompletableFuture<Void> passed) {
        entries.put(seq, new Entry(gate, passed));
    }

    /** At a barrier, with every request answered: applies the held settlements in planned order. */
    void barrier() {
        List<Held> due = new ArrayList<>();
        for (Held h; (h = held.poll()) != null; ) {
            due.add(h);
        }
        due.sort(Comparator.comparingLong(Held::seq));
        due.forEach(h -> delegate.settle(h.reservation(), h.actual()));
        entries.clear(); // requests refused before admission leave theirs
    }

    /** Admissions that waited for an earlier request of their scope (a deterministic count, for the report). */
    long waited() {
        return waited.get();
    }

    @Override
    public Admission admit(List<Scope> scopes, Demand demand) {
        return delegate.admit(scopes, demand);
    }

    @Override
    public boolean blocking() {
        return true; // the gateway asks admitAsync and settleAsync
    }

    @Override
    public CompletionStage<Admission> admitAsync(List<Scope> scopes, Demand demand) {
        long seq = RequestTimeClock.currentSequence();
        Entry e = seq < 0 ? null : entries.remove(seq);
        if (e == null) {
            return CompletableFuture.completedFuture(delegate.admit(scopes, demand));
        }
        if (e.gate().isDone()) {
            return CompletableFuture.completedFuture(admitNow(e, scopes, demand));
        }
        waited.incrementAndGet();
        Context context = Vertx.currentContext();
        CompletableFuture<Admission> out = new CompletableFuture<>();
        e.gate().whenComplete((v, err) -> context.runOnContext(x -> {
            if (RequestTimeClock.currentSequence() != seq && lostContext.getAndIncrement() == 0) {
                LOG.warn("request {} admitted outside its own context: quota clocks may not see its planned time", seq);
            }
            try {
                out.complete(admitNow(e, scopes, demand));
            } catch (RuntimeException ex) {
                out.completeExceptionally(ex);
            }
        }));
        return out;
    }

    private Admission admitNow(Entry e, List<Scope> scopes, Demand demand) {
        try {
            return delegate.admit(scopes, demand);
        } finally {
            e.passed().complete(null);
        }
    }

    @Override
    public void settle(Reservation reservation, ActualUsage actual) {
        long seq = RequestTimeClock.currentSequence();
        if (seq < 0) {
            delegate.settle(reservation, actual);
        } else {
            held.add(new Held(seq, reservation, actual));
        }
    }

    @Override
    public void settleAsync(Reservation reservation, ActualUsage actual) {
        settle(reservation, actual);
    }
}
