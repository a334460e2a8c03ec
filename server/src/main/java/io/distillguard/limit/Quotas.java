package io.distillguard.limit;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Admission and settlement of requests against their scopes' limits, as the gateway calls them. {@link QuotaEnforcer}
 * does it on one bucket store; {@link FailoverQuotas} on a shared (Redis) store with a local fallback. When
 * {@link #blocking()} is true the plain methods wait on the network and a caller on an event loop must use the async
 * forms, which run them elsewhere.
 */
public interface Quotas {

    /** Reserves {@code demand} in every limit of every scope, or nothing if any limit refuses. */
    Admission admit(List<Scope> scopes, Demand demand);

    /** Corrects the reservation with the actual usage; only the first settle or release has an effect. */
    void settle(Reservation reservation, ActualUsage actual);

    /** The request failed before using any tokens: every reserved token goes back, the request stays counted. */
    default void release(Reservation reservation) {
        settle(reservation, ActualUsage.NONE);
    }

    /** True when admit and settle wait on a remote store. */
    default boolean blocking() {
        return false;
    }

    /** {@link #admit} without blocking the caller; runs in place for a non-blocking implementation. */
    default CompletionStage<Admission> admitAsync(List<Scope> scopes, Demand demand) {
        return CompletableFuture.completedFuture(admit(scopes, demand));
    }

    /** {@link #settle} without blocking the caller (fire and forget). */
    default void settleAsync(Reservation reservation, ActualUsage actual) {
        settle(reservation, actual);
    }
}
