package io.distillguard.forensics;

/**
 * Exact distribution of a sum of independent terms, each drawn uniformly from its own small vector of non-negative
 * integers: the detector's statistic when the watermark is absent (each unit's keyed member is uniform and independent
 * of the text). Built by convolving one unit at a time (no sampling, no normal approximation); every entry is a sum of
 * non-negative products, so tails far below 1e-6 keep their relative precision.
 */
final class UniformChoiceSum {

    private double[] pmf = {1.0};
    private int max;

    /** Adds one unit whose term is each of {@code values} with probability 1/values.length. */
    void add(int[] values) {
        int low = Integer.MAX_VALUE;
        int high = 0;
        for (int v : values) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        if (high > low) { // a constant term only shifts the sum; the shift is applied by the caller
            double[] next = new double[max + (high - low) + 1];
            int[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; ) {
                int j = i;
                while (j < sorted.length && sorted[j] == sorted[i]) {
                    j++;
                }
                double share = (double) (j - i) / values.length;
                int offset = sorted[i] - low;
                for (int x = 0; x <= max; x++) {
                    next[x + offset] += share * pmf[x];
                }
                i = j;
            }
            pmf = next;
            max += high - low;
        }
    }

    /** P(S &gt;= x) for the sum of the shifted terms (each term minus its vector's minimum). */
    double atLeast(long x) {
        double sum = 0;
        for (long k = max; k >= Math.max(0, x); k--) {
            sum += pmf[(int) k];
        }
        return Math.min(1.0, sum);
    }

    /** P(S = x) for the sum of the shifted terms. */
    double exactly(long x) {
        return x < 0 || x > max ? 0 : pmf[(int) x];
    }
}
