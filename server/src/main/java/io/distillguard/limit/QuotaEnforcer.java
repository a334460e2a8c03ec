package io.distillguard.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Admits requests against the limits of every scope that applies (key, account, org, entity), reserving their tokens
 * all-or-nothing, and settles the reservation with the actual usage when the request completes. Because tokens are
 * taken from the buckets at admission, concurrent requests cannot overspend a budget; because a token bucket refills,
 * a reservation that is never settled only delays capacity for one period and never blocks a scope for good.
 * <p>
 * Each scope has one bucket per dimension it limits (all its periods are bandwidths of that bucket), and the enforcer
 * sends the operations on all buckets of a request at once: with a {@link BucketStore#remote() remote} store an
 * admission costs one round-trip wave to reserve, plus one to give back what was taken when a bucket refuses.
 * Non-blocking and lock-free with the in-memory store: safe to call on an event loop. With a remote store the calls wait
 * on the network ({@link #blocking()}); a store failure propagates as an exception after the tokens already taken
 * were given back where possible ({@link FailoverQuotas} turns it into the fail mode).
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
        List<Draw> draws = Draw.of(scopes, demand);
        List<CompletableFuture<LimitBucket>> buckets = new ArrayList<>(draws.size());
        List<CompletableFuture<LimitBucket.Tokens>> answers = new ArrayList<>(draws.size());
        for (Draw draw : draws) {
            CompletableFuture<LimitBucket> bucket = store.bucket(draw.key(), draw.limits());
            buckets.add(bucket);
            answers.add(bucket.thenCompose(b -> draw.amount() == 0 ? b.available() : b.tryConsume(draw.amount())));
        }
        RuntimeException failure = awaitAll(answers);
        boolean refused = false;
        for (CompletableFuture<LimitBucket.Tokens> answer : answers) {
            refused |= !answer.isCompletedExceptionally() && !answer.join().consumed();
        }
        if (failure != null || refused) {
            List<CompletableFuture<Void>> refunds = new ArrayList<>();
            for (int i = 0; i < draws.size(); i++) {
                CompletableFuture<LimitBucket.Tokens> answer = answers.get(i);
                long amount = draws.get(i).amount();
                if (amount > 0 && !answer.isCompletedExceptionally() && answer.join().consumed()) {
                    refunds.add(buckets.get(i).join().addTokens(amount));
                }
            }
            RuntimeException refundFailure = awaitAll(refunds);
            if (failure != null) {
                if (refundFailure != null) {
                    failure.addSuppressed(refundFailure);
                }
                throw failure;
            }
            if (refundFailure != null) {
                throw refundFailure;
            }
            return rejection(scopes, draws, answers);
        }
        List<LimitState> states = new ArrayList<>();
        List<Reservation.Hold> holds = new ArrayList<>();
        for (Scope scope : scopes) {
            for (LimitSpec limit : scope.limits()) {
                int d = Draw.indexOf(draws, scope, limit.dimension());
                long remaining = answers.get(d).join().available()[draws.get(d).limits().indexOf(limit)];
                states.add(LimitState.of(scope.kind(), limit, remaining));
            }
        }
        for (Draw draw : draws) {
            if (draw.key().dimension().isTokens()) {
                holds.add(new Reservation.Hold(draw.key(), draw.limits(), draw.amount()));
            }
        }
        return new Admission.Admitted(new Reservation(demand, holds, store), new RateLimitStatus(states));
    }

    /**
     * Corrects the reservation with what the request really used: unused tokens go back, tokens used beyond the
     * reservation are charged (the bucket may go into debt; the request is not rejected). Only the first settle or
     * release of a reservation has an effect. The corrections of all buckets are sent at once.
     */
    @Override
    public void settle(Reservation reservation, ActualUsage actual) {
        if (!reservation.close()) {
            return;
        }
        BucketStore store = reservation.store();
        List<CompletableFuture<Void>> corrections = new ArrayList<>();
        for (Reservation.Hold hold : reservation.holds()) {
            long delta = hold.key().dimension().of(actual) - hold.amount();
            if (delta != 0) {
                corrections.add(store.bucket(hold.key(), hold.limits()).thenCompose(bucket -> delta < 0
                        ? bucket.addTokens(-delta)
                        : bucket.consumeIgnoringRateLimits(delta)));
            }
        }
        RuntimeException failure = awaitAll(corrections);
        if (failure != null) {
            throw failure;
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

    /** Waits for every future; returns the first failure (others suppressed into it), or null. */
    private static RuntimeException awaitAll(List<? extends CompletableFuture<?>> futures) {
        RuntimeException first = null;
        for (CompletableFuture<?> future : futures) {
            try {
                future.join();
            } catch (CompletionException | CancellationException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (first == null) {
                    first = cause;
                } else if (first != cause) {
                    first.addSuppressed(cause);
                }
            }
        }
        return first;
    }

    /** The first limit, in scope order, that could not give its amount; the status shows nothing of this request. */
    private static Admission.Rejected rejection(List<Scope> scopes, List<Draw> draws,
                                                List<CompletableFuture<LimitBucket.Tokens>> answers) {
        List<LimitState> states = new ArrayList<>();
        LimitState refusing = null;
        Scope refusingScope = null;
        long requested = 0;
        for (Scope scope : scopes) {
            for (LimitSpec limit : scope.limits()) {
                int d = Draw.indexOf(draws, scope, limit.dimension());
                Draw draw = draws.get(d);
                LimitBucket.Tokens tokens = answers.get(d).join();
                long available = tokens.available()[draw.limits().indexOf(limit)];
                long before = tokens.consumed() ? available + draw.amount() : available;
                LimitState state = LimitState.of(scope.kind(), limit, before);
                states.add(state);
                if (refusing == null && !tokens.consumed() && before < draw.amount()) {
                    refusing = state;
                    refusingScope = scope;
                    requested = draw.amount();
                }
            }
        }
        if (refusing == null) { // the bucket refilled between its refusal and its answer: report its first limit
            for (int d = 0; d < draws.size() && refusing == null; d++) {
                if (!answers.get(d).join().consumed()) {
                    Draw draw = draws.get(d);
                    refusingScope = draw.scope();
                    requested = draw.amount();
                    refusing = states.stream().filter(s -> s.scope() == draw.scope().kind()
                            && s.limit().equals(draw.limits().getFirst())).findFirst().orElseThrow();
                }
            }
        }
        LimitSpec limit = refusing.limit();
        long retryAfter = requested > limit.capacity()
                ? Admission.Rejected.NEVER
                : Math.max(1, Math.ceilDiv(nanosToRefill(limit, requested - refusing.remaining()), 1_000_000L));
        return new Admission.Rejected(refusingScope.kind(), limit.dimension(), limit, retryAfter,
                limit.capacity() - refusing.remaining(), requested, new RateLimitStatus(states));
    }

    /** How long {@code limit} takes to refill {@code missing} tokens at its greedy rate. */
    private static long nanosToRefill(LimitSpec limit, long missing) {
        return (long) Math.ceil((double) Math.max(0, missing) * limit.period().toNanos() / limit.capacity());
    }
}
