package io.distillguard.link;

/**
 * Count-min sketch with conservative update over 64-bit keys (4 rows of 2^16 counters, 1 MiB): tells the linker which
 * prompt templates recur across the population, so that only recurring ones are indexed and the one-off skeletons
 * of free text cost nothing.
 */
final class FrequencySketch {
    private static final int ROWS = 4;
    private static final int WIDTH_BITS = 16;
    private static final long[] SEEDS = {0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L,
            0xD6E8FEB86659FD93L};

    private final int[][] counts = new int[ROWS][1 << WIDTH_BITS];

    /** Adds one occurrence of {@code key}; returns the new (over-)estimate of its count. */
    int add(long key) {
        int min = Integer.MAX_VALUE;
        for (int r = 0; r < ROWS; r++) {
            min = Math.min(min, counts[r][slot(key, r)]);
        }
        int next = min == Integer.MAX_VALUE ? min : min + 1;
        for (int r = 0; r < ROWS; r++) {
            int i = slot(key, r);
            if (counts[r][i] < next) {
                counts[r][i] = next;
            }
        }
        return next;
    }

    private static int slot(long key, int row) {
        long h = (key ^ SEEDS[row]) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return (int) (h >>> (64 - WIDTH_BITS));
    }
}
