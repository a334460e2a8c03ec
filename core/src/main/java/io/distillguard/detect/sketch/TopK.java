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
        long[] guaranteed = new long[size];
        for (int i = 0; i < size; i++) {
            guaranteed[i] = counts[i] - errors[i];
        }
        Arrays.sort(guaranteed);
        long sum = 0;
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

    /** Merges by the standard rule: add counts of common keys, then keep the {@code k} largest. */
    @Override
    public void merge(TopK other) {
        int n = size + other.size;
        long[] k = new long[n];
        long[] c = new long[n];
        long[] e = new long[n];
        int m = 0;
        for (int i = 0; i < size; i++, m++) {
            k[m] = keys[i];
            c[m] = counts[i];
            e[m] = errors[i];
        }
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
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(c[b], c[a]));
        size = Math.min(m, keys.length);
        for (int i = 0; i < size; i++) {
            keys[i] = k[order[i]];
            counts[i] = c[order[i]];
            errors[i] = e[order[i]];
        }
        total += other.total;
    }

    public TopK copy() {
        TopK copy = new TopK(keys.length);
        copy.merge(this);
        return copy;
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
