package io.distillguard.link;

/**
 * Count-min sketch with conservative update over 64-bit keys (4 rows of 2^18 counters, 4 MiB): tells the linker which
 * prompt templates recur across the population, so that only recurring ones are indexed and the one-off skeletons
 * of free text cost nothing.
 *
 * <p>The sketch ages (as TinyLFU does): after {@link #AGING_PERIOD} additions every counter is halved. Without aging
 * the counters of a long-running gateway saturate after a few hundred thousand events and every one-off template
 * reads as recurring; with it a counter holds about {@code 2 * AGING_PERIOD / width} = 0.5 one-off additions, so a
 * one-off template reads as recurring (3 uses) with a probability of about 1e-4, while a template used 3 times within
 * the last ~130,000 events of the population is seen. A replay of the same events ages at the same points, so it
 * reproduces the live estimates.
 */
final class FrequencySketch {
    private static final int WIDTH_BITS = 18;
    /** Additions between two halvings: a quarter of the row width. */
    static final int AGING_PERIOD = 1 << (WIDTH_BITS - 2);

    private static final int ROWS = 4;
    private static final long[] SEEDS = {0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L,
            0xD6E8FEB86659FD93L};

    private final int[][] counts = new int[ROWS][1 << WIDTH_BITS];
    private int additions;

    /** Adds one occurrence of {@code key}; returns the new (over-)estimate of its recent count. */
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
        if (++additions >= AGING_PERIOD) {
            halve();
        }
        return next;
    }

    /** The (over-)estimate of {@code key}'s recent count, without adding to it. */
    int estimate(long key) {
        int min = Integer.MAX_VALUE;
        for (int r = 0; r < ROWS; r++) {
            min = Math.min(min, counts[r][slot(key, r)]);
        }
        return min;
    }

    private void halve() {
        for (int[] row : counts) {
            for (int i = 0; i < row.length; i++) {
                row[i] >>>= 1;
            }
        }
        additions = 0;
    }

    private static int slot(long key, int row) {
        long h = (key ^ SEEDS[row]) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return (int) (h >>> (64 - WIDTH_BITS));
    }
}
