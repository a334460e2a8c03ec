package io.distillguard.detect.sketch;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Space-Saving heavy hitters over 64-bit keys (prompt template hashes): {@code k} counters, each an upper bound of its
 * key's true count with the overestimate kept alongside. Answers "what share of prompts fall in the top templates"
 * in {@code 24 * k} bytes.
 */
public final class TopK implements Sketch<TopK> {
    private final long[] keys;
    private final long[] counts;
    private final long[] errors;
    private int size;
    private long total;

    public TopK(int k) {
        if (k < 1 || k > 1024) {
            throw new IllegalArgumentException("k must be in [1,1024]: " + k);
        }
        keys = new long[k];
        counts = new long[k];
        errors = new long[k];
    }

    /** Counts {@code key} once more; returns the key's (over-)estimated count afterwards. */
    public long update(long key) {
        return update(key, 1);
    }

    public long update(long key, long weight) {
        total += weight;
        int min = 0;
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                counts[i] += weight;
                return counts[i];
            }
            if (counts[i] < counts[min]) {
                min = i;
            }
        }
        if (size < keys.length) {
            keys[size] = key;
            counts[size] = weight;
            errors[size] = 0;
            return counts[size++];
        }
        keys[min] = key;
        errors[min] = counts[min];
        counts[min] += weight;
        return counts[min];
    }

    public long total() {
        return total;
    }

    public int capacity() {
        return keys.length;
    }

    /** Estimated count of {@code key} (0 when not tracked). */
    public long estimate(long key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return counts[i];
            }
        }
        return 0;
    }

    /** Guaranteed share of all updates that went to the {@code n} largest keys (counts minus their overestimates). */
    public double topShare(int n) {
        if (total == 0) {
            return 0;
        }
        long sum = 0;
        if (size <= 64) {
            // the n largest guaranteed counts by selection (no array to sort; same sum as sorting)
            long taken = 0;
            for (int picked = 0; picked < Math.min(n, size); picked++) {
                int best = -1;
                for (int i = 0; i < size; i++) {
                    if ((taken & (1L << i)) == 0
                            && (best < 0 || counts[i] - errors[i] > counts[best] - errors[best])) {
                        best = i;
                    }
                }
                taken |= 1L << best;
                sum += counts[best] - errors[best];
            }
            return (double) sum / total;
        }
        long[] guaranteed = new long[size];
        for (int i = 0; i < size; i++) {
            guaranteed[i] = counts[i] - errors[i];
        }
        Arrays.sort(guaranteed);
        for (int i = size - 1; i >= Math.max(0, size - n); i--) {
            sum += guaranteed[i];
        }
        return (double) sum / total;
    }

    /** Tracked keys, largest count first. */
    public long[] keys() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(counts[b], counts[a]));
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = keys[order[i]];
        }
        return out;
    }

    /**
     * Merges by the standard rule: add counts of common keys, then keep the {@code k} largest (ties in the order this
     * sketch's keys, then the other's new keys, were listed). Works in per-thread scratch arrays, so a merge allocates
     * nothing (entity scoring merges every member's sketch).
     */
    @Override
    public void merge(TopK other) {
        Scratch scratch = SCRATCH.get().ensure(size + other.size);
        long[] k = scratch.keys;
        long[] c = scratch.counts;
        long[] e = scratch.errors;
        int[] order = scratch.order;
        System.arraycopy(keys, 0, k, 0, size);
        System.arraycopy(counts, 0, c, 0, size);
        System.arraycopy(errors, 0, e, 0, size);
        int m = size;
        outer:
        for (int j = 0; j < other.size; j++) {
            for (int i = 0; i < size; i++) {
                if (k[i] == other.keys[j]) {
                    c[i] += other.counts[j];
                    e[i] += other.errors[j];
                    continue outer;
                }
            }
            k[m] = other.keys[j];
            c[m] = other.counts[j];
            e[m] = other.errors[j];
            m++;
        }
        // stable insertion sort of the indexes by count, largest first (k <= 1024, usually <= 16 entries)
        for (int i = 0; i < m; i++) {
            int index = i;
            int j = i;
            while (j > 0 && c[order[j - 1]] < c[index]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = index;
        }
        size = Math.min(m, keys.length);
        for (int i = 0; i < size; i++) {
            keys[i] = k[order[i]];
            counts[i] = c[order[i]];
            errors[i] = e[order[i]];
        }
        total += other.total;
    }

    /** An exact copy: the same counters in the same slots. */
    public TopK copy() {
        TopK copy = new TopK(keys.length);
        System.arraycopy(keys, 0, copy.keys, 0, size);
        System.arraycopy(counts, 0, copy.counts, 0, size);
        System.arraycopy(errors, 0, copy.errors, 0, size);
        copy.size = size;
        copy.total = total;
        return copy;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Working arrays of {@link #merge}, one set per thread. */
    private static final class Scratch {
        long[] keys = new long[0];
        long[] counts = new long[0];
        long[] errors = new long[0];
        int[] order = new int[0];

        Scratch ensure(int n) {
            if (keys.length < n) {
                int length = Math.max(n, 32);
                keys = new long[length];
                counts = new long[length];
                errors = new long[length];
                order = new int[length];
            }
            return this;
        }
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeShort(keys.length);
        out.writeShort(size);
        out.writeLong(total);
        for (int i = 0; i < size; i++) {
            out.writeLong(keys[i]);
            out.writeInt((int) Math.min(Integer.MAX_VALUE, counts[i]));
            out.writeInt((int) Math.min(Integer.MAX_VALUE, errors[i]));
        }
    }

    public static TopK readFrom(DataInput in) throws IOException {
        TopK topK = new TopK(in.readUnsignedShort());
        topK.size = in.readUnsignedShort();
        topK.total = in.readLong();
        for (int i = 0; i < topK.size; i++) {
            topK.keys[i] = in.readLong();
            topK.counts[i] = in.readInt();
            topK.errors[i] = in.readInt();
        }
        return topK;
    }

    public static TopK fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
