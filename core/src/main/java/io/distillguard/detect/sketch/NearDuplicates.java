package io.distillguard.detect.sketch;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Near-duplicate rate in the SEAT style: each prompt's SimHash is compared with the last 16 of the same key, and a
 * Hamming distance of at most {@value #MAX_HAMMING} bits (of 64) counts as a near duplicate. Extraction sweeps that
 * vary one slot of a template, and retries of the same item, show up as a high rate.
 */
public final class NearDuplicates implements Sketch<NearDuplicates> {
    public static final int MAX_HAMMING = 3;
    private static final int RING = 16;

    private final long[] recent = new long[RING];
    private int filled;
    private int next;
    private long checked;
    private long near;

    /** Records {@code simHash} (0 = no prompt, ignored); returns whether it was a near duplicate of a recent one. */
    public boolean update(long simHash) {
        if (simHash == 0) {
            return false;
        }
        boolean isNear = false;
        for (int i = 0; i < filled; i++) {
            if (Long.bitCount(recent[i] ^ simHash) <= MAX_HAMMING) {
                isNear = true;
                break;
            }
        }
        checked++;
        if (isNear) {
            near++;
        }
        recent[next] = simHash;
        next = (next + 1) % RING;
        filled = Math.min(RING, filled + 1);
        return isNear;
    }

    public long checked() {
        return checked;
    }

    /** Share of prompts that were near duplicates of a recent one. */
    public double rate() {
        return checked == 0 ? 0 : (double) near / checked;
    }

    /** An independent copy (ring, position and counts). */
    public NearDuplicates copy() {
        NearDuplicates copy = new NearDuplicates();
        System.arraycopy(recent, 0, copy.recent, 0, RING);
        copy.filled = filled;
        copy.next = next;
        copy.checked = checked;
        copy.near = near;
        return copy;
    }

    /** Adds the other key's counts; the ring of recent hashes stays this key's. */
    @Override
    public void merge(NearDuplicates other) {
        checked += other.checked;
        near += other.near;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt((int) checked);
        out.writeInt((int) near);
        out.writeByte(filled);
        out.writeByte(next);
        for (int i = 0; i < filled; i++) {
            out.writeLong(recent[i]);
        }
    }

    public static NearDuplicates readFrom(DataInput in) throws IOException {
        NearDuplicates n = new NearDuplicates();
        n.checked = in.readInt();
        n.near = in.readInt();
        n.filled = in.readByte();
        n.next = in.readByte();
        for (int i = 0; i < n.filled; i++) {
            n.recent[i] = in.readLong();
        }
        return n;
    }

    public static NearDuplicates fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
