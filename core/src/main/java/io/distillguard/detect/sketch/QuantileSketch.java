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
import java.util.Arrays;

/**
 * Quantiles of non-negative values (tokens per active hour) with bounded memory: a DDSketch with 5% relative accuracy
 * and at most 64 bins (the lowest bins collapse first, so the upper quantiles that matter for abuse stay exact to 5%).
 * Gives the median and a robust spread (MAD estimated from the quartiles) for robust z-scores.
 *
 * <p>The DDSketch's store takes half a kilobyte as soon as it holds a value, while most accounts have only a few
 * active hours: the first {@value #BUFFERED} values are kept as they are and replayed, in order, into a sketch when
 * one is needed, which gives exactly the sketch that adding them directly would have given.
 */
public final class QuantileSketch implements Sketch<QuantileSketch> {
    static final double RELATIVE_ACCURACY = 0.05;
    static final int MAX_BINS = 64;
    static final int BUFFERED = 8;
    private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);
    private static final double[] NONE = new double[0];
    private static final ThreadLocal<DDSketch> SCRATCH = ThreadLocal.withInitial(QuantileSketch::newSketch);

    /** The sketch, or null while the values are still buffered. */
    private DDSketch sketch;
    private double[] buffer = NONE;
    private int buffered;

    public QuantileSketch() {
    }

    private QuantileSketch(DDSketch sketch) {
        this.sketch = sketch;
    }

    private static DDSketch newSketch() {
        return new DDSketch(MAPPING, () -> new CollapsingLowestDenseStore(MAX_BINS));
    }

    public void update(double value) {
        double v = Math.max(0, value);
        if (sketch == null && buffered < BUFFERED) {
            if (buffered == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(2, 2 * buffered));
            }
            buffer[buffered++] = v;
            return;
        }
        materialised().accept(v);
    }

    /** The sketch of the buffered values, new (to keep). */
    private DDSketch replayed() {
        return replayInto(newSketch());
    }

    private DDSketch replayInto(DDSketch replay) {
        for (int i = 0; i < buffered; i++) {
            replay.accept(buffer[i]);
        }
        return replay;
    }

    /**
     * The buffered values replayed into this thread's scratch sketch, for a read that does not keep it (reads must
     * not grow the state, and a fresh sketch per read is half a kilobyte). Valid until the next scratch replay on
     * this thread.
     */
    private DDSketch replayedScratch() {
        DDSketch scratch = SCRATCH.get();
        scratch.clear();
        return replayInto(scratch);
    }

    private DDSketch materialised() {
        if (sketch == null) {
            sketch = replayed();
            buffer = NONE;
            buffered = 0;
        }
        return sketch;
    }

    private DDSketch read() {
        return sketch != null ? sketch : replayedScratch();
    }

    public double count() {
        return sketch != null ? sketch.getCount() : buffered;
    }

    /** The value at quantile {@code q} in [0,1], or 0 when empty. */
    public double quantile(double q) {
        return quantile(read(), q);
    }

    private static double quantile(DDSketch s, double q) {
        return s.isEmpty() ? 0 : s.getValueAtQuantile(q);
    }

    public double median() {
        return quantile(0.5);
    }

    /**
     * Median absolute deviation estimated as half the interquartile range (exact for symmetric distributions), with a
     * floor of 5% of the median so that a perfectly flat history does not make every deviation infinite.
     */
    public double mad() {
        return mad(read());
    }

    private static double mad(DDSketch s) {
        double iqrHalf = (quantile(s, 0.75) - quantile(s, 0.25)) / 2;
        return Math.max(iqrHalf, 0.05 * quantile(s, 0.5));
    }

    /** Robust z-score of {@code value}: (value - median) / (1.4826 * MAD); 0 when there is no history. */
    public double robustZ(double value) {
        DDSketch s = read();
        if (s.isEmpty()) {
            return 0;
        }
        double spread = 1.4826 * mad(s);
        return spread <= 0 ? 0 : (value - quantile(s, 0.5)) / spread;
    }

    @Override
    public void merge(QuantileSketch other) {
        if (other.count() == 0 && sketch == null) {
            return;
        }
        DDSketch target = materialised(); // before other.read(): materialising must not reuse the scratch
        target.mergeWith(other.read());
    }

    public QuantileSketch copy() {
        if (sketch != null) {
            return new QuantileSketch(sketch.copy());
        }
        QuantileSketch copy = new QuantileSketch();
        copy.buffer = Arrays.copyOf(buffer, buffer.length);
        copy.buffered = buffered;
        return copy;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        GrowingByteArrayOutput encoded = GrowingByteArrayOutput.withInitialCapacity(64);
        read().encode(encoded, true);
        byte[] bytes = encoded.trimmedCopy();
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    public static QuantileSketch readFrom(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        DDSketch sketch = newSketch();
        sketch.decodeAndMergeWith(ByteArrayInput.wrap(bytes));
        return new QuantileSketch(sketch);
    }

    public static QuantileSketch fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
