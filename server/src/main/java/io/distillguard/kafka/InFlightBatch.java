package io.distillguard.kafka;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;

/**
 * One batch of spooled events handed to the producer. Each event's callback only records its outcome; when the last
 * one ran, the batch is reported once ({@code onDone}), so the spool learns acknowledgements as a few ranges per batch
 * instead of one locked update per event.
 */
final class InFlightBatch {
    private final long[] seqs;
    private final boolean[] acked;
    private final AtomicInteger outstanding;
    private final int bytes;
    private final int generation;
    private final Consumer<InFlightBatch> onDone;
    private volatile Exception failure;

    InFlightBatch(List<SpoolRecord> records, int generation, Consumer<InFlightBatch> onDone) {
        this.seqs = new long[records.size()];
        int b = 0;
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = records.get(i).seq();
            b += records.get(i).diskBytes();
        }
        this.acked = new boolean[seqs.length];
        this.outstanding = new AtomicInteger(seqs.length);
        this.bytes = b;
        this.generation = generation;
        this.onDone = onDone;
    }

    /** The producer callback of event {@code i} of the batch. */
    Callback callback(int i) {
        return (metadata, e) -> complete(i, e);
    }

    /** Records the outcome of event {@code i}; the last one reports the batch. */
    void complete(int i, Exception e) {
        if (e == null) {
            acked[i] = true;
        } else if (failure == null) {
            failure = e;
        }
        if (outstanding.decrementAndGet() == 0) {
            onDone.accept(this);
        }
    }

    /** Reports the acknowledged events as maximal runs of consecutive sequence numbers; returns how many. */
    int forEachAckedRange(RangeConsumer ranges) {
        int n = 0;
        for (int i = 0; i < seqs.length; ) {
            if (!acked[i]) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < seqs.length && acked[j] && seqs[j] == seqs[j - 1] + 1) {
                j++;
            }
            ranges.accept(seqs[i], seqs[j - 1] + 1);
            n += j - i;
            i = j;
        }
        return n;
    }

    /** The first failure of an event of the batch, or null. */
    Exception failure() {
        return failure;
    }

    int bytes() {
        return bytes;
    }

    int generation() {
        return generation;
    }

    long firstSeq() {
        return seqs[0];
    }

    /** Receives {@code [from, to)}. */
    @FunctionalInterface
    interface RangeConsumer {
        void accept(long from, long to);
    }
}
