package io.distillguard.detect.sketch;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Distinct count of 64-bit values (prompt SimHashes, template hashes) in a fixed number of bytes: hash4j's
 * UltraLogLog with {@code 2^precision} one-byte registers. Values are re-mixed first because feature hashes such as a
 * SimHash are not uniformly distributed.
 */
public final class DistinctCount implements Sketch<DistinctCount> {
    private static final Hasher64 MIX = Hashing.komihash5_0();

    private final UltraLogLog ull;
    /**
     * The last estimate, NaN when the registers changed since (scoring reads it several times, updates are many;
     * an update that changes no register keeps it).
     */
    private double estimate = Double.NaN;

    public DistinctCount(int precision) {
        this(UltraLogLog.create(precision));
    }

    private DistinctCount(UltraLogLog ull) {
        this.ull = ull;
    }

    public void update(long value) {
        long hash = MIX.hashLongToLong(value);
        // the register this hash lands in (UltraLogLog indexes by the top p bits); getState() is the live array
        byte[] registers = ull.getState();
        int index = (int) (hash >>> Long.numberOfLeadingZeros(registers.length - 1L));
        byte before = registers[index];
        ull.add(hash);
        if (registers[index] != before) {
            estimate = Double.NaN; // a repeated value leaves the registers, and so the estimate, as they were
        }
    }

    public double estimate() {
        double e = estimate;
        if (Double.isNaN(e)) {
            e = ull.getDistinctCountEstimate();
            estimate = e;
        }
        return e;
    }

    public int precision() {
        return ull.getP();
    }

    @Override
    public void merge(DistinctCount other) {
        ull.add(other.ull);
        estimate = Double.NaN;
    }

    public DistinctCount copy() {
        return new DistinctCount(ull.copy());
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        byte[] state = ull.getState();
        out.writeShort(state.length);
        out.write(state);
    }

    public static DistinctCount readFrom(DataInput in) throws IOException {
        byte[] state = new byte[in.readUnsignedShort()];
        in.readFully(state);
        return new DistinctCount(UltraLogLog.wrap(state));
    }

    public static DistinctCount fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
