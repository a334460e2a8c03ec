package io.distillguard.detect.sketch;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Mean and variance of inter-arrival gaps within sessions (Welford, merged with Chan's rule). Scripts that fire on a
 * timer have a coefficient of variation near 0; people, whose think times are bursty, near or above 1.
 */
public final class GapStats implements Sketch<GapStats> {
    private long count;
    private double mean;
    private double m2;

    public void update(double gap) {
        count++;
        double delta = gap - mean;
        mean += delta / count;
        m2 += delta * (gap - mean);
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    /** Standard deviation over mean of the gaps; 0 with fewer than 2 gaps. */
    public double coefficientOfVariation() {
        if (count < 2 || mean <= 0) {
            return 0;
        }
        return Math.sqrt(m2 / (count - 1)) / mean;
    }

    /** An independent copy. */
    public GapStats copy() {
        GapStats copy = new GapStats();
        copy.count = count;
        copy.mean = mean;
        copy.m2 = m2;
        return copy;
    }

    @Override
    public void merge(GapStats other) {
        if (other.count == 0) {
            return;
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        m2 += other.m2 + delta * delta * count * other.count / n;
        mean += delta * other.count / n;
        count = n;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt((int) Math.min(Integer.MAX_VALUE, count));
        out.writeDouble(mean);
        out.writeDouble(m2);
    }

    public static GapStats readFrom(DataInput in) throws IOException {
        GapStats stats = new GapStats();
        stats.count = in.readInt();
        stats.mean = in.readDouble();
        stats.m2 = in.readDouble();
        return stats;
    }

    public static GapStats fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
