package io.distillguard.detect.sketch;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A sum whose past contributions fade with a half-life, in event time: recent velocity without a window of buckets.
 * For a steady rate r per millisecond the value settles at {@code r * halfLife / ln 2}, so {@link #ratePerHour} gives
 * the recent rate. The half-life is fixed at construction and is not serialised (the owner knows it).
 */
public final class DecayedCounter implements Sketch<DecayedCounter> {
    private static final double LN2 = Math.log(2);

    private final long halfLifeMs;
    private double value;
    private long lastMs;

    public DecayedCounter(long halfLifeMs) {
        if (halfLifeMs <= 0) {
            throw new IllegalArgumentException("half-life must be > 0");
        }
        this.halfLifeMs = halfLifeMs;
    }

    public void update(double amount, long atMs) {
        decayTo(atMs);
        value += amount;
    }

    /** The decayed sum as of {@code atMs} (never earlier than the last update). */
    public double estimate(long atMs) {
        return atMs <= lastMs ? value : value * Math.exp(-LN2 * (atMs - lastMs) / halfLifeMs);
    }

    /** The recent rate per hour implied by the decayed sum. */
    public double ratePerHour(long atMs) {
        return estimate(atMs) * LN2 * 3_600_000d / halfLifeMs;
    }

    /** Event time of the last update. */
    public long lastUpdateMs() {
        return lastMs;
    }

    private void decayTo(long atMs) {
        if (atMs > lastMs) {
            value = estimate(atMs);
            lastMs = atMs;
        }
    }

    /**
     * A copy as {@link #writeTo} stores it: the value rounded to a float, so that a copy reads exactly as a restored
     * counter does (entity totals were built from serialised copies; their readings must not move).
     */
    public DecayedCounter copy() {
        DecayedCounter copy = new DecayedCounter(halfLifeMs);
        copy.value = (float) value;
        copy.lastMs = lastMs;
        return copy;
    }

    @Override
    public void merge(DecayedCounter other) {
        long at = Math.max(lastMs, other.lastMs);
        decayTo(at);
        value += other.estimate(at);
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeFloat((float) value);
        out.writeLong(lastMs);
    }

    public static DecayedCounter readFrom(DataInput in, long halfLifeMs) throws IOException {
        DecayedCounter counter = new DecayedCounter(halfLifeMs);
        counter.value = in.readFloat();
        counter.lastMs = in.readLong();
        return counter;
    }

    public static DecayedCounter fromBytes(byte[] bytes, long halfLifeMs) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), halfLifeMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
