package io.distillguard.detect.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Quantiles of non-negative values (tokens per active hour) with bounded memory: a DDSketch with 5% relative accuracy
 * and at most 64 bins (the lowest bins collapse first, so the upper quantiles that matter for abuse stay exact to 5%).
 * Gives the median and a robust spread (MAD estimated from the quartiles) for robust z-scores.
 */
public final class QuantileSketch implements Sketch<QuantileSketch> {
    static final double RELATIVE_ACCURACY = 0.05;
    static final int MAX_BINS = 64;
    private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

    private final DDSketch sketch;

    public QuantileSketch() {
        this(new DDSketch(MAPPING, () -> new CollapsingLowestDenseStore(MAX_BINS)));
    }

    private QuantileSketch(DDSketch sketch) {
        this.sketch = sketch;
    }

    public void update(double value) {
        sketch.accept(Math.max(0, value));
    }

    public double count() {
        return sketch.getCount();
    }

    /** The value at quantile {@code q} in [0,1], or 0 when empty. */
    public double quantile(double q) {
        return sketch.isEmpty() ? 0 : sketch.getValueAtQuantile(q);
    }

    public double median() {
        return quantile(0.5);
    }

    /**
     * Median absolute deviation estimated as half the interquartile range (exact for symmetric distributions), with a
     * floor of 5% of the median so that a perfectly flat history does not make every deviation infinite.
     */
    public double mad() {
        double iqrHalf = (quantile(0.75) - quantile(0.25)) / 2;
        return Math.max(iqrHalf, 0.05 * median());
    }

    /** Robust z-score of {@code value}: (value - median) / (1.4826 * MAD); 0 when there is no history. */
    public double robustZ(double value) {
        if (sketch.isEmpty()) {
            return 0;
        }
        double spread = 1.4826 * mad();
        return spread <= 0 ? 0 : (value - median()) / spread;
    }

    @Override
    public void merge(QuantileSketch other) {
        sketch.mergeWith(other.sketch);
    }

    public QuantileSketch copy() {
        return new QuantileSketch(sketch.copy());
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        GrowingByteArrayOutput encoded = GrowingByteArrayOutput.withInitialCapacity(64);
        sketch.encode(encoded, true);
        byte[] bytes = encoded.trimmedCopy();
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    public static QuantileSketch readFrom(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        QuantileSketch sketch = new QuantileSketch();
        sketch.sketch.decodeAndMergeWith(ByteArrayInput.wrap(bytes));
        return sketch;
    }

    public static QuantileSketch fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
