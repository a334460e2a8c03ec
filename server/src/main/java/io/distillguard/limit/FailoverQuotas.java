package io.distillguard.limit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits shared by every replica in a remote store, with a per-scope answer for when that store cannot be reached.
 * Admission goes to the shared enforcer; when it fails (timeout, refused connection) the store is marked down for the
 * retry interval, and until then every request follows its scopes' {@link FailMode}s at once: if any of its scopes
 * fails closed the answer is {@link Admission.Unavailable} (a 429), otherwise the request is admitted against the local
 * in-memory enforcer (fail-open, counted). The first request after the interval tries the shared store again, so the
 * gateway recovers by itself when Redis returns. Failures are counted in Prometheus and logged at most every 10 s.
 * <p>
 * The blocking calls run on virtual threads ({@link #admitAsync}, {@link #settleAsync}): a virtual thread waiting for
 * Redis parks and frees its carrier, every wait is bounded by the command timeout, and the event loop only receives
 * the result.
 */
public final class FailoverQuotas implements Quotas, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FailoverQuotas.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final QuotaEnforcer shared;
    private final QuotaEnforcer local;
    private final Map<ScopeKind, FailMode> failModes;
    private final long retryIntervalNanos;
    private final ExecutorService offload = Executors.newVirtualThreadPerTaskExecutor();
    private final Counter admitFailures;
    private final Counter settleFailures;
    private final Counter failedOpen;
    private final Counter failedClosed;
    private volatile long downUntilNanos = System.nanoTime();
    private volatile boolean down;
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong unloggedFailures = new AtomicLong();

    /**
     * @param shared          enforcer on the shared (remote) store
     * @param local           enforcer on this process's in-memory store, for fail-open scopes
     * @param failModes       fail mode of every scope kind
     * @param retryIntervalMs how long the shared store is left alone after a failure
     * @param meters          where the failure counters go
     */
    public FailoverQuotas(QuotaEnforcer shared, QuotaEnforcer local, Map<ScopeKind, FailMode> failModes,
                          long retryIntervalMs, MeterRegistry meters) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.local = Objects.requireNonNull(local, "local");
        this.failModes = Map.copyOf(failModes);
        for (ScopeKind kind : ScopeKind.values()) {
            Objects.requireNonNull(this.failModes.get(kind), "no fail mode for " + kind);
        }
        this.retryIntervalNanos = TimeUnit.MILLISECONDS.toNanos(retryIntervalMs);
        String failures = "distillguard.limits.store.failures";
        this.admitFailures = Counter.builder(failures).tag("operation", "admit")
                .description("Calls to the shared limit store that failed").register(meters);
        this.settleFailures = Counter.builder(failures).tag("operation", "settle").register(meters);
        String fallback = "distillguard.limits.store.fallback";
        this.failedOpen = Counter.builder(fallback).tag("mode", FailMode.FAIL_OPEN.yaml())
                .description("Requests decided by their fail mode while the shared limit store was down").register(meters);
        this.failedClosed = Counter.builder(fallback).tag("mode", FailMode.FAIL_CLOSED.yaml()).register(meters);
    }

    @Override
    public Admission admit(List<Scope> scopes, Demand demand) {
        if (!down || System.nanoTime() - downUntilNanos >= 0) {
            try {
                Admission admission = shared.admit(scopes, demand);
                recovered();
                return admission;
            } catch (RuntimeException e) {
                admitFailures.increment();
                markDown(e, "admission");
            }
        }
        for (Scope scope : scopes) {
            if (failModes.get(scope.kind()) == FailMode.FAIL_CLOSED) {
                failedClosed.increment();
                long waitNanos = Math.max(0, downUntilNanos - System.nanoTime());
                return new Admission.Unavailable(scope.kind(), Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
            }
        }
        failedOpen.increment();
        return local.admit(scopes, demand);
    }

    /** Settles with the store that admitted; a shared-store failure loses only that correction (logged, counted). */
    @Override
    public void settle(Reservation reservation, ActualUsage actual) {
        if (!reservation.store().remote()) {
            local.settle(reservation, actual);
            return;
        }
        try {
            shared.settle(reservation, actual);
        } catch (RuntimeException e) {
            settleFailures.increment();
            markDown(e, "settlement");
        }
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public CompletionStage<Admission> admitAsync(List<Scope> scopes, Demand demand) {
        return CompletableFuture.supplyAsync(() -> admit(scopes, demand), offload);
    }

    @Override
    public void settleAsync(Reservation reservation, ActualUsage actual) {
        offload.execute(() -> settle(reservation, actual));
    }

    /** True while the shared store is considered down (requests follow their fail modes). */
    public boolean sharedStoreDown() {
        return down && System.nanoTime() - downUntilNanos < 0;
    }

    private void markDown(RuntimeException e, String operation) {
        downUntilNanos = System.nanoTime() + retryIntervalNanos;
        boolean wasDown = down;
        down = true;
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        long suppressed = unloggedFailures.incrementAndGet();
        if (!wasDown || now - last >= LOG_EVERY_NANOS && lastLogNanos.compareAndSet(last, now)) {
            unloggedFailures.set(0);
            lastLogNanos.set(now);
            log.warn("shared limit store failed during {} ({} failures since the last report): {}; following the "
                    + "fail modes {} for {} ms", operation, suppressed, e.toString(), failModes,
                    TimeUnit.NANOSECONDS.toMillis(retryIntervalNanos));
        }
    }

    private void recovered() {
        if (down) {
            down = false;
            log.info("shared limit store reachable again; limits are shared across replicas again");
        }
    }

    /** Waits for settlements in flight (a few seconds at most), then closes the shared store's connection. */
    @Override
    public void close() {
        offload.shutdown();
        try {
            offload.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shared.store() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing the shared limit store: {}", e.toString());
            }
        }
    }
}
