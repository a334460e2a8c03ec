package io.distillguard.detect.signal;

import io.distillguard.semantic.CoverageEstimator;
import io.distillguard.semantic.EmbeddingWindow;
import java.nio.ByteBuffer;

/**
 * The semantic state of one account: a bounded uniform sample of its projected prompt embeddings and a sketch of the
 * topic buckets they hit. Mergeable, so an entity's state is the merge of its accounts' states however the linker
 * groups them. Serialised it stays under {@link #MAX_BYTES}. Not thread-safe: one owner.
 */
public final class SemanticProfile {

    /** Largest serialised size of a profile at the default settings (2 KB window + 265 B coverage). */
    public static final int MAX_BYTES = 2560;

    private final EmbeddingWindow window;
    private final CoverageEstimator coverage;

    private SemanticProfile(EmbeddingWindow window, CoverageEstimator coverage) {
        this.window = window;
        this.coverage = coverage;
    }

    /** An empty profile with a {@code windowSize} x {@code dims} window and a coverage sketch of {@code precision}. */
    public static SemanticProfile create(int windowSize, int dims, int precision) {
        return new SemanticProfile(new EmbeddingWindow(windowSize, dims), CoverageEstimator.create(precision));
    }

    /** Records event {@code eventId}'s projected embedding, which fell in topic {@code bucket}. */
    public void update(String eventId, byte[] projected, long bucket) {
        window.update(eventId, projected);
        coverage.update(bucket);
    }

    /** Adds {@code other} (same shape) into this profile. */
    public void merge(SemanticProfile other) {
        window.merge(other.window);
        coverage.merge(other.coverage);
    }

    public EmbeddingWindow window() {
        return window;
    }

    public CoverageEstimator coverage() {
        return coverage;
    }

    public byte[] toBytes() {
        byte[] w = window.toBytes();
        byte[] c = coverage.toBytes();
        return ByteBuffer.allocate(4 + w.length + c.length).putInt(w.length).put(w).put(c).array();
    }

    public static SemanticProfile fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        byte[] w = new byte[buf.getInt()];
        buf.get(w);
        byte[] c = new byte[buf.remaining()];
        buf.get(c);
        return new SemanticProfile(EmbeddingWindow.fromBytes(w), CoverageEstimator.fromBytes(c));
    }
}
