package io.distillguard.semantic;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two-sample test between an entity's embedding window and the benign reference: the unbiased MMD^2 estimate with an
 * RBF kernel whose bandwidth is the median pairwise squared distance of the pooled sample, calibrated by a permutation
 * test so the result is a p-value and a threshold rather than a raw distance. Distillation traffic concentrated on a
 * few task types sits far from broad benign traffic; mixing in benign prompts shrinks but does not remove the gap.
 * Immutable and thread-safe; deterministic for a given seed.
 */
public final class MmdEstimator {

    private final int permutations;
    private final double alpha;
    private final long seed;

    /**
     * @param permutations number of permutations of the pooled sample (e.g. 200)
     * @param alpha        significance level of {@link MmdResult#threshold()} (e.g. 0.01)
     * @param seed         seed of the permutations
     */
    public MmdEstimator(int permutations, double alpha, long seed) {
        if (permutations < 20 || !(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("need permutations >= 20 and 0 < alpha < 0.5");
        }
        this.permutations = permutations;
        this.alpha = alpha;
        this.seed = seed;
    }

    /** Compares {@code window} with {@code reference}; the window needs at least 2 vectors of the reference's dims. */
    public MmdResult compare(EmbeddingWindow window, BenignReference reference) {
        if (window.dims() != reference.dims()) {
            throw new IllegalArgumentException("window and reference dims differ");
        }
        return compare(window.vectors().stream().map(Int8Vectors::toFloat).toList(), reference.vectors());
    }

    /** Compares sample {@code x} with sample {@code y} (float vectors of equal dimension, at least 2 each). */
    public MmdResult compare(List<float[]> x, List<float[]> y) {
        int n = x.size();
        int total = n + y.size();
        if (n < 2 || y.size() < 2) {
            throw new IllegalArgumentException("both samples need at least 2 vectors");
        }
        float[][] z = new float[total][];
        for (int i = 0; i < total; i++) {
            z[i] = i < n ? x.get(i) : y.get(i - n);
        }
        double[][] k = new double[total][total];
        double[] distances = new double[total * (total - 1) / 2];
        int d = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                double dist = squaredDistance(z[i], z[j]);
                k[i][j] = dist;
                distances[d++] = dist;
            }
        }
        Arrays.sort(distances);
        double bandwidth = Math.max(distances[distances.length / 2], 1e-9);
        double[] rowSums = new double[total];
        double all = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                double v = Math.exp(-k[i][j] / bandwidth);
                k[i][j] = v;
                k[j][i] = v;
                rowSums[i] += v;
                rowSums[j] += v;
                all += 2 * v;
            }
        }
        int[] idx = new int[total];
        for (int i = 0; i < total; i++) {
            idx[i] = i;
        }
        double observed = mmd2(k, rowSums, all, idx, n);
        double[] nulls = new double[permutations];
        SplittableRandom random = new SplittableRandom(seed);
        int atLeast = 0;
        for (int p = 0; p < permutations; p++) {
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(total - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            nulls[p] = mmd2(k, rowSums, all, idx, n);
            if (nulls[p] >= observed) {
                atLeast++;
            }
        }
        Arrays.sort(nulls);
        double threshold = nulls[Math.min(permutations - 1, (int) Math.ceil((1 - alpha) * permutations) - 1)];
        return new MmdResult(observed, threshold, (atLeast + 1) / (double) (permutations + 1), bandwidth, n);
    }

    /** Unbiased MMD^2 when idx[0..n) form the first sample and the rest the second. */
    private static double mmd2(double[][] k, double[] rowSums, double all, int[] idx, int n) {
        int m = idx.length - n;
        double sxx = 0;
        double rows = 0;
        for (int a = 0; a < n; a++) {
            int i = idx[a];
            rows += rowSums[i];
            double[] ki = k[i];
            for (int b = 0; b < n; b++) {
                if (a != b) {
                    sxx += ki[idx[b]];
                }
            }
        }
        double sxy = rows - sxx;
        double syy = all - sxx - 2 * sxy;
        return sxx / (n * (n - 1.0)) + syy / (m * (m - 1.0)) - 2 * sxy / ((double) n * m);
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = a[i] - b[i];
            s += diff * diff;
        }
        return s;
    }
}
