package io.distillguard.detect.sketch;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Approximate counts of 64-bit keys in fixed memory that follow recent frequency: a count-min sketch (4 rows,
 * conservative update) whose counters are all halved every {@code halvingPeriod} additions, so old keys fade and the
 * collision noise stays bounded however long it runs. Estimates never undercount except through halving and
 * concurrent races; they overcount only through hash collisions. Thread-safe and lock-free, for state shared by all
 * request threads (e.g. which prompt anchors recur across the population).
 */
public final class CountMinSketch implements Sketch<CountMinSketch> {
    private static final int ROWS = 4;
    private static final long[] SEEDS = {0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L,
            0xD6E8FEB86659FD93L};

    private final int widthBits;
    private final long halvingPeriod;
    private final AtomicIntegerArray counts;
    private final AtomicLong additions = new AtomicLong();

    /**
     * @param width         counters per row, a power of two in 2^4..2^24 (memory: 16 bytes per unit of width)
     * @param halvingPeriod additions between two halvings of every counter, >= 1
     */
    public CountMinSketch(int width, long halvingPeriod) {
        if (width < 16 || width > 1 << 24 || Integer.bitCount(width) != 1) {
            throw new IllegalArgumentException("width must be a power of two in 16..2^24: " + width);
        }
        if (halvingPeriod < 1) {
            throw new IllegalArgumentException("halvingPeriod must be >= 1");
        }
        this.widthBits = Integer.numberOfTrailingZeros(width);
        this.halvingPeriod = halvingPeriod;
        this.counts = new AtomicIntegerArray(ROWS << widthBits);
    }

    /** Counts one occurrence of {@code key}; returns its new estimate. */
    public int add(long key) {
        int next = estimate(key);
        next = next == Integer.MAX_VALUE ? next : next + 1;
        for (int r = 0; r < ROWS; r++) {
            counts.accumulateAndGet(slot(key, r), next, Math::max);
        }
        if (additions.incrementAndGet() % halvingPeriod == 0) {
            halve();
        }
        return next;
    }

    /** The (over-)estimate of {@code key}'s recent count. */
    public int estimate(long key) {
        int min = Integer.MAX_VALUE;
        for (int r = 0; r < ROWS; r++) {
            min = Math.min(min, counts.get(slot(key, r)));
        }
        return min;
    }

    /** Counters per row. */
    public int width() {
        return 1 << widthBits;
    }

    private void halve() {
        for (int i = 0; i < counts.length(); i++) {
            counts.getAndUpdate(i, c -> c >>> 1);
        }
    }

    private int slot(long key, int row) {
        long h = (key ^ SEEDS[row]) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return (row << widthBits) | (int) (h >>> (64 - widthBits));
    }

    /** Adds {@code other}'s counts (saturating); both sketches must have the same width. */
    @Override
    public void merge(CountMinSketch other) {
        if (other.widthBits != widthBits) {
            throw new IllegalArgumentException("cannot merge sketches of different widths");
        }
        for (int i = 0; i < counts.length(); i++) {
            int add = other.counts.get(i);
            counts.getAndUpdate(i, c -> (int) Math.min(Integer.MAX_VALUE, (long) c + add));
        }
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(widthBits);
        out.writeLong(halvingPeriod);
        out.writeLong(additions.get() % halvingPeriod);
        for (int i = 0; i < counts.length(); i++) {
            out.writeInt(counts.get(i));
        }
    }

    public static CountMinSketch readFrom(DataInput in) throws IOException {
        CountMinSketch sketch = new CountMinSketch(1 << in.readByte(), in.readLong());
        sketch.additions.set(in.readLong());
        for (int i = 0; i < sketch.counts.length(); i++) {
            sketch.counts.set(i, in.readInt());
        }
        return sketch;
    }

    public static CountMinSketch fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
