package io.distillguard.kafka;

import java.util.TreeSet;

/**
 * Which spool sequence numbers the broker has acknowledged: everything below {@link #low()}, plus the out-of-order
 * acknowledgements above it (partitions acknowledge independently). Memory is bounded by the events in flight.
 * Not thread-safe: the spool guards it.
 */
final class AckWatermark {
    private long low;
    private final TreeSet<Long> above = new TreeSet<>();

    AckWatermark(long low) {
        this.low = low;
    }

    /** Marks {@code seq} acknowledged; returns false when it already was. */
    boolean ack(long seq) {
        if (seq < low || !above.add(seq)) {
            return false;
        }
        while (above.remove(low)) {
            low++;
        }
        return true;
    }

    boolean isAcked(long seq) {
        return seq < low || above.contains(seq);
    }

    /** Acknowledged sequence numbers above {@link #low()}. */
    int ackedAboveLow() {
        return above.size();
    }

    /** The lowest sequence number not yet acknowledged. */
    long low() {
        return low;
    }
}
