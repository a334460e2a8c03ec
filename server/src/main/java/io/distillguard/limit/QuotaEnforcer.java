package io.distillguard.limit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Admits requests against the limits of every scope that applies (key, account, org, entity), reserving their tokens
 * all-or-nothing, and settles the reservation with the actual usage when the request completes. Because tokens are
 * taken from the buckets at admission, concurrent requests cannot overspend a budget; because a token bucket refills,
 * a reservation that is never settled only delays capacity for one period and never blocks a scope for good.
 * Non-blocking and lock-free with the in-memory store: safe to call on an event loop. With a {@link BucketStore#remote()
 * remote} store every call waits on the network ({@link #blocking()}); a store failure propagates as an exception after
 * the tokens already taken were given back where possible ({@link FailoverQuotas} turns it into the fail mode).
 */
public final class QuotaEnforcer implements Quotas {
    private final BucketStore store;

    public QuotaEnforcer(BucketStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Reserves {@code demand} in every limit of every scope, or nothing if any limit refuses. Scopes should be
     * distinct; limits whose dimension the demand does not use are reported in the status but not consumed.
     */
    @Override
    public Admission admit(List<Scope> scopes, Demand demand) {
        int limitCount = 0;
        for (Scope scope : scopes) {
            limitCount += scope.limits().size();
        }
        Bucket[] taken = new Bucket[limitCount];
        long[] takenAmounts = new long[limitCount];
        int takenCount = 0;
        List<LimitState> states = new ArrayList<>(limitCount);
        List<Reservation.Hold> holds = new ArrayList<>(limitCount);
        for (Scope scope : scopes) {
            for (LimitSpec limit : scope.limits()) {
                BucketKey key = BucketKey.of(scope, limit);
                long amount = limit.dimension().of(demand);
                Bucket bucket;
                ConsumptionProbe probe;
                try {
                    bucket = store.bucket(key, limit);
                    probe = amount == 0 ? null : bucket.tryConsumeAndReturnRemaining(amount);
                } catch (RuntimeException storeFailure) {
                    refundQuietly(taken, takenAmounts, takenCount, storeFailure);
                    throw storeFailure;
                }
                if (amount == 0) {
                    states.add(LimitState.of(scope.kind(), limit, bucket.getAvailableTokens()));
                } else {
                    if (!probe.isConsumed()) {
                        refund(taken, takenAmounts, takenCount);
                        return rejection(scopes, scope, limit, amount, probe.getNanosToWaitForRefill());
                    }
                    taken[takenCount] = bucket;
                    takenAmounts[takenCount++] = amount;
                    states.add(LimitState.of(scope.kind(), limit, probe.getRemainingTokens()));
                }
                if (limit.dimension().isTokens()) {
                    holds.add(new Reservation.Hold(key, limit, amount));
                }
            }
        }
        return new Admission.Admitted(new Reservation(demand, holds, store), new RateLimitStatus(states));
    }

    /**
     * Corrects the reservation with what the request really used: unused tokens go back, tokens used beyond the
     * reservation are charged (the bucket may go into debt; the request is not rejected). Only the first settle or
     * release of a reservation has an effect.
     */
    @Override
    public void settle(Reservation reservation, ActualUsage actual) {
        if (!reservation.close()) {
            return;
        }
        BucketStore store = reservation.store();
        for (Reservation.Hold hold : reservation.holds()) {
            long delta = hold.limit().dimension().of(actual) - hold.amount();
            if (delta < 0) {
                store.find(hold.key()).ifPresent(bucket -> bucket.addTokens(-delta));
            } else if (delta > 0) {
                store.find(hold.key())
                        .orElseGet(() -> store.bucket(hold.key(), hold.limit()))
                        .consumeIgnoringRateLimits(delta);
            }
        }
    }

    /** The store this enforcer works on. */
    BucketStore store() {
        return store;
    }

    @Override
    public boolean blocking() {
        return store.remote();
    }

    private static void refund(Bucket[] taken, long[] amounts, int count) {
        for (int i = 0; i < count; i++) {
            taken[i].addTokens(amounts[i]);
        }
    }

    /** Gives back what an admission took before its store failed; a second failure is added to the first. */
    private static void refundQuietly(Bucket[] taken, long[] amounts, int count, RuntimeException failure) {
        try {
            refund(taken, amounts, count);
        } catch (RuntimeException again) {
            failure.addSuppressed(again);
        }
    }

    private Admission.Rejected rejection(List<Scope> scopes, Scope refusing, LimitSpec refusingLimit, long amount,
                                         long nanosToWait) {
        List<LimitState> states = new ArrayList<>();
        long refusingRemaining = 0;
        for (Scope scope : scopes) {
            for (LimitSpec limit : scope.limits()) {
                long remaining = store.bucket(BucketKey.of(scope, limit), limit).getAvailableTokens();
                if (scope == refusing && limit == refusingLimit) {
                    refusingRemaining = remaining;
                }
                states.add(LimitState.of(scope.kind(), limit, remaining));
            }
        }
        long retryAfter = amount > refusingLimit.capacity()
                ? Admission.Rejected.NEVER
                : Math.ceilDiv(nanosToWait, 1_000_000L);
        return new Admission.Rejected(refusing.kind(), refusingLimit.dimension(), refusingLimit, retryAfter,
                refusingLimit.capacity() - refusingRemaining, amount, new RateLimitStatus(states));
    }
}
