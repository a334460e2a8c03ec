package io.distillguard.forensics;

/**
 * Exact null distribution of the hit count: a sum of independent binomials, one per class size s with success
 * probability 1/s. Computes the distribution by convolving the binomial pmfs (log-space recurrence, no sampling), so tail
 * probabilities far below 1e-6 stay exact up to double rounding.
 */
final class PoissonBinomialTail {

    private final double[] pmf;

    /** @param countsBySize countsBySize[s] = number of units whose class has s members */
    PoissonBinomialTail(int[] countsBySize) {
        double[] dist = {1.0};
        for (int size = 2; size < countsBySize.length; size++) {
            if (countsBySize[size] > 0) {
                dist = convolve(dist, binomialPmf(countsBySize[size], 1.0 / size));
            }
        }
        this.pmf = dist;
    }

    /** P(X >= x). */
    double atLeast(int x) {
        double sum = 0;
        for (int k = pmf.length - 1; k >= Math.max(0, x); k--) {
            sum += pmf[k];
        }
        return Math.min(1.0, sum);
    }

    /** P(X = x). */
    double exactly(int x) {
        return x < 0 || x >= pmf.length ? 0 : pmf[x];
    }

    private static double[] binomialPmf(int n, double p) {
        double[] out = new double[n + 1];
        double logOdds = Math.log(p) - Math.log1p(-p);
        double logPmf = n * Math.log1p(-p);
        for (int k = 0; k <= n; k++) {
            out[k] = Math.exp(logPmf);
            logPmf += Math.log((double) (n - k) / (k + 1)) + logOdds;
        }
        return out;
    }

    private static double[] convolve(double[] a, double[] b) {
        double[] out = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                continue;
            }
            for (int j = 0; j < b.length; j++) {
                out[i + j] += a[i] * b[j];
            }
        }
        return out;
    }
}
