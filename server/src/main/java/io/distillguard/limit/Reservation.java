package io.distillguard.limit;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The tokens an admitted request holds until it completes. Settling or releasing it corrects every token bucket it
 * drew from; only the first of those calls has an effect, so a gateway that reaches both its completion and its
 * connection-closed paths cannot refund twice.
 */
public final class Reservation {
    private final Demand demand;
    private final List<Hold> holds;
    private final BucketStore store;
    private final AtomicBoolean closed = new AtomicBoolean();

    Reservation(Demand demand, List<Hold> holds, BucketStore store) {
        this.demand = demand;
        this.holds = List.copyOf(holds);
        this.store = store;
    }

    /** The store whose buckets hold the tokens (the shared one, or the local one a fail-open admission used). */
    BucketStore store() {
        return store;
    }

    /** What was reserved. */
    public Demand demand() {
        return demand;
    }

    /** The token buckets drawn from (one per scope and token dimension) and how much from each. */
    public List<Hold> holds() {
        return holds;
    }

    /** True once settled or released. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Marks the reservation closed; true only for the first caller. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    /** {@code amount} tokens taken from the bucket {@code key}, configured with {@code limits} at admission. */
    public record Hold(BucketKey key, List<LimitSpec> limits, long amount) {

        public Hold {
            limits = List.copyOf(limits);
        }
    }
}
