package io.distillguard.semantic;

import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounded, mergeable uniform sample of one entity's projected embeddings (bottom-k by a hash of the event id): the
 * events with the k smallest priorities are kept, so the sample is uniform over all events seen, independent of
 * arrival order, and two windows merge into the window of the union. At the default 28 slots of 64 dims its
 * serialised form fits in 2 KB. Not thread-safe: one owner per entity (the keyed detector state).
 */
public final class EmbeddingWindow {

    /** Largest serialised size a window may have. */
    public static final int MAX_BYTES = 2048;
    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 2 + 2 + 8 + 2;

    private final int capacity;
    private final int dims;
    private final long[] priorities;
    private final byte[][] vectors;
    private int size;
    private long seen;

    public EmbeddingWindow(int capacity, int dims) {
        if (capacity < 1 || dims < 1 || HEADER + (long) capacity * (8 + dims) > MAX_BYTES) {
            throw new IllegalArgumentException("window of " + capacity + " x " + dims + " exceeds " + MAX_BYTES + " bytes");
        }
        this.capacity = capacity;
        this.dims = dims;
        this.priorities = new long[capacity];
        this.vectors = new byte[capacity][];
    }

    /** A 28-slot window of 64-dimensional vectors. */
    public static EmbeddingWindow defaults() {
        return new EmbeddingWindow(28, 64);
    }

    /** Offers the projected embedding of event {@code eventId} (e.g. the request id). */
    public void update(String eventId, byte[] projected) {
        update(Hashing.xxh3_64().hashCharsToLong(eventId), projected);
    }

    /** Offers a projected embedding with its priority (a uniform 64-bit hash of the event's id). */
    public void update(long priority, byte[] projected) {
        if (projected.length != dims) {
            throw new IllegalArgumentException("expected " + dims + " dims, got " + projected.length);
        }
        seen++;
        offer(priority, projected.clone());
    }

    private void offer(long priority, byte[] v) {
        if (size < capacity) {
            priorities[size] = priority;
            vectors[size++] = v;
            return;
        }
        int worst = 0;
        for (int i = 1; i < size; i++) {
            if (Long.compareUnsigned(priorities[i], priorities[worst]) > 0) {
                worst = i;
            }
        }
        if (Long.compareUnsigned(priority, priorities[worst]) < 0) {
            priorities[worst] = priority;
            vectors[worst] = v;
        }
    }

    /** Adds {@code other}'s sample into this one (same capacity and dims); the result is the window of the union. */
    public void merge(EmbeddingWindow other) {
        if (other.capacity != capacity || other.dims != dims) {
            throw new IllegalArgumentException("cannot merge windows of different shape");
        }
        for (int i = 0; i < other.size; i++) {
            boolean duplicate = false;
            for (int j = 0; j < size && !duplicate; j++) {
                duplicate = priorities[j] == other.priorities[i];
            }
            if (!duplicate) {
                offer(other.priorities[i], other.vectors[i]);
            }
        }
        seen += other.seen;
    }

    /** The sampled vectors (copies' references are shared: do not modify). */
    public List<byte[]> vectors() {
        List<byte[]> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(vectors[i]);
        }
        return out;
    }

    public int size() {
        return size;
    }

    /** Number of embeddings offered to this window (and those merged into it). */
    public long seen() {
        return seen;
    }

    public int dims() {
        return dims;
    }

    public byte[] toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(HEADER + size * (8 + dims));
        buf.put(VERSION).putShort((short) capacity).putShort((short) dims).putLong(seen).putShort((short) size);
        for (int i = 0; i < size; i++) {
            buf.putLong(priorities[i]).put(vectors[i]);
        }
        return buf.array();
    }

    public static EmbeddingWindow fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (buf.get() != VERSION) {
            throw new IllegalArgumentException("unknown window version");
        }
        EmbeddingWindow w = new EmbeddingWindow(buf.getShort(), buf.getShort());
        w.seen = buf.getLong();
        int n = buf.getShort();
        for (int i = 0; i < n; i++) {
            long p = buf.getLong();
            byte[] v = new byte[w.dims];
            buf.get(v);
            w.offer(p, v);
        }
        return w;
    }
}
