package io.distillguard.detect.sketch;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Requests per UTC hour of day (24 fixed bins). People sleep, so human traffic has a low normalised entropy; a
 * pipeline that runs around the clock has one close to 1.
 */
public final class HourOfDayHistogram implements Sketch<HourOfDayHistogram> {
    private static final long HOUR_MS = 3_600_000L;
    private final int[] bins = new int[24];

    public void update(long atMs) {
        bins[(int) Math.floorMod(Math.floorDiv(atMs, HOUR_MS), 24L)]++;
    }

    public long total() {
        long total = 0;
        for (int b : bins) {
            total += b;
        }
        return total;
    }

    public int activeHours() {
        int active = 0;
        for (int b : bins) {
            if (b > 0) {
                active++;
            }
        }
        return active;
    }

    /** Shannon entropy of the hour distribution divided by ln 24: 0 = one hour only, 1 = perfectly flat. */
    public double normalisedEntropy() {
        long total = total();
        if (total == 0) {
            return 0;
        }
        double h = 0;
        for (int b : bins) {
            if (b > 0) {
                double p = (double) b / total;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(24);
    }

    /** An independent copy. */
    public HourOfDayHistogram copy() {
        HourOfDayHistogram copy = new HourOfDayHistogram();
        System.arraycopy(bins, 0, copy.bins, 0, bins.length);
        return copy;
    }

    @Override
    public void merge(HourOfDayHistogram other) {
        for (int i = 0; i < 24; i++) {
            bins[i] += other.bins[i];
        }
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        for (int b : bins) {
            out.writeInt(b);
        }
    }

    public static HourOfDayHistogram readFrom(DataInput in) throws IOException {
        HourOfDayHistogram histogram = new HourOfDayHistogram();
        for (int i = 0; i < 24; i++) {
            histogram.bins[i] = in.readInt();
        }
        return histogram;
    }

    public static HourOfDayHistogram fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
