package io.distillguard.forensics;

import java.util.Arrays;

/**
 * One-sample Kolmogorov-Smirnov test of p-values against the uniform distribution on [0,1]: the calibration check
 * that the detector's p-values on never-watermarked text are uniform.
 *
 * @param statistic D = sup |F_n(x) - x|
 * @param pValue    asymptotic p-value with Stephens' small-sample correction
 * @param n         sample size
 */
public record KolmogorovSmirnov(double statistic, double pValue, int n) {

    public static KolmogorovSmirnov uniform(double[] sample) {
        double[] x = sample.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            d = Math.max(d, Math.max((i + 1.0) / n - x[i], x[i] - (double) i / n));
        }
        double sqrtN = Math.sqrt(n);
        return new KolmogorovSmirnov(d, kolmogorovTail((sqrtN + 0.12 + 0.11 / sqrtN) * d), n);
    }

    /** P(K &gt; lambda) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 lambda^2). */
    static double kolmogorovTail(double lambda) {
        if (lambda < 0.2) {
            return 1.0;
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-16) {
                break;
            }
        }
        return Math.max(0, Math.min(1, 2 * sum));
    }
}
