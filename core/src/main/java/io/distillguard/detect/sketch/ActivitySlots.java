package io.distillguard.detect.sketch;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Which of the last 64 fixed-width time slots (5 minutes by default: 5h20m) had any activity, as one 64-bit mask.
 * Two accounts driven by one scheduler are active in the same slots and start and stop together: their masks have a
 * high Jaccard similarity; independent people rarely share more than a few slots.
 */
public final class ActivitySlots implements Sketch<ActivitySlots> {
    public static final long DEFAULT_SLOT_MS = 300_000L;

    private final long slotMs;
    private long mask;
    private long latestSlot = Long.MIN_VALUE;

    public ActivitySlots(long slotMs) {
        if (slotMs <= 0) {
            throw new IllegalArgumentException("slot width must be > 0");
        }
        this.slotMs = slotMs;
    }

    public void update(long atMs) {
        long slot = Math.floorDiv(atMs, slotMs);
        if (latestSlot == Long.MIN_VALUE || slot > latestSlot) {
            mask = latestSlot == Long.MIN_VALUE ? 0 : shifted(mask, slot - latestSlot);
            latestSlot = slot;
        }
        long age = latestSlot - slot;
        if (age < 64) {
            mask |= 1L << age;
        }
    }

    private static long shifted(long mask, long by) {
        return by >= 64 ? 0 : mask << by;
    }

    /** The mask as of {@code slot}: bit i = activity i slots before it. */
    private long maskAt(long slot) {
        if (latestSlot == Long.MIN_VALUE || slot < latestSlot) {
            return latestSlot == Long.MIN_VALUE ? 0 : mask >>> Math.min(63, latestSlot - slot);
        }
        return shifted(mask, slot - latestSlot);
    }

    /** Active slots among the last 64 as of {@code atMs}. */
    public int activeSlots(long atMs) {
        return Long.bitCount(maskAt(Math.floorDiv(atMs, slotMs)));
    }

    /** Active slots among the 64 up to this key's latest activity. */
    public int activeSlots() {
        return Long.bitCount(mask);
    }

    /** Jaccard similarity of the two activity masks over the 64 slots up to the later of the two. */
    public double jaccard(ActivitySlots other) {
        long slot = Math.max(latestSlot, other.latestSlot);
        long a = maskAt(slot);
        long b = other.maskAt(slot);
        int union = Long.bitCount(a | b);
        return union == 0 ? 0 : (double) Long.bitCount(a & b) / union;
    }

    /** An independent copy. */
    public ActivitySlots copy() {
        ActivitySlots copy = new ActivitySlots(slotMs);
        copy.mask = mask;
        copy.latestSlot = latestSlot;
        return copy;
    }

    @Override
    public void merge(ActivitySlots other) {
        if (other.latestSlot == Long.MIN_VALUE) {
            return;
        }
        long slot = Math.max(latestSlot, other.latestSlot);
        mask = maskAt(slot) | other.maskAt(slot);
        latestSlot = slot;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(mask);
        out.writeLong(latestSlot);
    }

    public static ActivitySlots readFrom(DataInput in, long slotMs) throws IOException {
        ActivitySlots slots = new ActivitySlots(slotMs);
        slots.mask = in.readLong();
        slots.latestSlot = in.readLong();
        return slots;
    }

    public static ActivitySlots fromBytes(byte[] bytes, long slotMs) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), slotMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
