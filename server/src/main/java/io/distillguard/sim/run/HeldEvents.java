package io.distillguard.sim.run;

import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The usage events of a simulated run, held between barriers: the gateway meters requests in whatever order they
 * complete; the harness hands them to detection in planned order ({@link #takeInPlannedOrder}). Each sent request's
 * {@link #metered} future completes when its event arrives (the gateway settles quotas before it meters), which tells
 * the harness that the request has left every trace it will leave in the gateway.
 */
final class HeldEvents implements UsageEventSink {
    static final String ID_PREFIX = "sim_";

    private final ConcurrentLinkedQueue<UsageEvent> held = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<Long, CompletableFuture<UsageEvent>> waiting = new ConcurrentHashMap<>();

    /** The future of request {@code seq}'s usage event; call before sending it. */
    CompletableFuture<UsageEvent> metered(long seq) {
        return waiting.computeIfAbsent(seq, s -> new CompletableFuture<>());
    }

    @Override
    public void accept(UsageEvent event) {
        held.add(event);
        long seq = seq(event);
        if (seq >= 0) {
            CompletableFuture<UsageEvent> f = waiting.remove(seq);
            if (f != null) {
                f.complete(event);
            }
        }
    }

    /** Everything held so far, by harness sequence number (= planned order); events without one last. */
    List<UsageEvent> takeInPlannedOrder() {
        List<UsageEvent> out = new ArrayList<>();
        for (UsageEvent e; (e = held.poll()) != null; ) {
            out.add(e);
        }
        out.sort(Comparator.comparingLong((UsageEvent e) -> seq(e) < 0 ? Long.MAX_VALUE : seq(e))
                .thenComparingLong(UsageEvent::timestampMs).thenComparing(UsageEvent::requestId));
        return out;
    }

    static long seq(UsageEvent e) {
        String id = e.requestId();
        if (id == null || !id.startsWith(ID_PREFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(id, ID_PREFIX.length(), id.length(), 10);
        } catch (NumberFormatException ex) {
            return -1;
        }
    }
}
