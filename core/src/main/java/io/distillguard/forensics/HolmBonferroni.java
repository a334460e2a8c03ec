package io.distillguard.forensics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Holm's step-down adjustment of p-values for testing several keys (e.g. every entity's sub-key) at once. */
public final class HolmBonferroni {

    private HolmBonferroni() {
    }

    /** Adjusted p-values in the input order; reject key i at level alpha when adjusted[i] &lt;= alpha. */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
