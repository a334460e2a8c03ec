package io.distillguard.kafka;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which spool sequence numbers the broker has acknowledged: everything below {@link #low()}, plus acknowledged ranges
 * above it (partitions and producer batches complete out of order). Acknowledgements arrive as ranges, one per
 * producer batch, so the bookkeeping costs per batch, not per event; memory is bounded by the batches in flight.
 * Not thread-safe: the spool guards it.
 */
final class AckWatermark {
    private long low;
    private final TreeMap<Long, Long> above = new TreeMap<>(); // start -> end (exclusive); disjoint, all above low
    private long ackedAbove;
    private long highestEnd;

    AckWatermark(long low) {
        this.low = low;
        this.highestEnd = low;
    }

    /** Marks {@code [from, to)} acknowledged; returns how many of them were not acknowledged before. */
    long ack(long from, long to) {
        from = Math.max(from, low);
        if (from >= to) {
            return 0;
        }
        highestEnd = Math.max(highestEnd, to);
        long start = from;
        long end = to;
        long removed = 0;
        Long first = above.floorKey(from);
        Iterator<Map.Entry<Long, Long>> it = above.tailMap(first == null ? from : first, true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Long> e = it.next();
            if (e.getKey() > end) {
                break;
            }
            if (e.getValue() < start) {
                continue;
            }
            start = Math.min(start, e.getKey());
            end = Math.max(end, e.getValue());
            removed += e.getValue() - e.getKey();
            it.remove();
        }
        long added = end - start - removed;
        ackedAbove -= removed;
        if (start == low) {
            low = end;
        } else {
            above.put(start, end);
            ackedAbove += end - start;
        }
        return added;
    }

    boolean isAcked(long seq) {
        if (seq < low) {
            return true;
        }
        Map.Entry<Long, Long> e = above.floorEntry(seq);
        return e != null && seq < e.getValue();
    }

    /** Acknowledged sequence numbers above {@link #low()}. */
    long ackedAboveLow() {
        return ackedAbove;
    }

    /** The lowest sequence number not yet acknowledged. */
    long low() {
        return low;
    }

    /** One past the highest sequence number ever acknowledged: nothing at or above it is acknowledged. */
    long highestEnd() {
        return highestEnd;
    }
}
