package io.distillguard.semantic;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;

/**
 * Topic-coverage sketch of one entity: distinct {@link EmbeddingBuckets} buckets its embedded prompts hit, counted
 * with an UltraLogLog (bounded memory, mergeable), against the number of embedded prompts. A distillation campaign
 * that sweeps a task space keeps hitting new buckets (coverage grows linearly); a normal user returns to a few topics.
 * Not thread-safe: one owner per entity.
 */
public final class CoverageEstimator {

    private static final byte VERSION = 1;

    private final UltraLogLog distinct;
    private long updates;

    private CoverageEstimator(UltraLogLog distinct, long updates) {
        this.distinct = distinct;
        this.updates = updates;
    }

    /** An empty sketch with {@code 2^precision} registers (precision 8 = 256 bytes, about 3% error). */
    public static CoverageEstimator create(int precision) {
        return new CoverageEstimator(UltraLogLog.create(precision), 0);
    }

    /** Records one embedded prompt that fell into {@code bucket}. */
    public void update(long bucket) {
        distinct.add(Hashing.xxh3_64().hashLongToLong(bucket));
        updates++;
    }

    /** Estimated number of distinct buckets hit. */
    public double distinctBuckets() {
        return distinct.getDistinctCountEstimate();
    }

    /** Number of prompts recorded. */
    public long updates() {
        return updates;
    }

    /** Distinct buckets per recorded prompt, in (0, 1]: near 1 when every prompt opens a new topic region. */
    public double growth() {
        return updates == 0 ? 0 : Math.min(1, distinctBuckets() / updates);
    }

    /** Adds {@code other} (same precision) into this sketch. */
    public void merge(CoverageEstimator other) {
        distinct.add(other.distinct);
        updates += other.updates;
    }

    public byte[] toBytes() {
        byte[] state = distinct.getState();
        return ByteBuffer.allocate(1 + 8 + state.length).put(VERSION).putLong(updates).put(state).array();
    }

    public static CoverageEstimator fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (buf.get() != VERSION) {
            throw new IllegalArgumentException("unknown coverage version");
        }
        long updates = buf.getLong();
        byte[] state = new byte[buf.remaining()];
        buf.get(state);
        return new CoverageEstimator(UltraLogLog.wrap(state), updates);
    }
}
