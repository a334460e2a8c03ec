package io.distillguard.semantic;

/**
 * Outcome of comparing a window with the benign reference.
 *
 * @param mmd2         unbiased estimate of the squared maximum mean discrepancy (RBF kernel)
 * @param threshold    the (1 - alpha) quantile of MMD^2 under the null (window drawn like the reference), from
 *                     permutations of the pooled sample
 * @param pValue       share of permutations whose MMD^2 reached the observed one (with the +1 correction)
 * @param bandwidth    kernel bandwidth used (median heuristic): k(x, y) = exp(-|x - y|^2 / bandwidth)
 * @param windowSize   number of window vectors compared
 */
public record MmdResult(double mmd2, double threshold, double pValue, double bandwidth, int windowSize) {

    /** True when the window differs from benign traffic at the estimator's significance level. */
    public boolean significant() {
        return mmd2 > threshold;
    }

    /** Calibrated score in [0, 1]: 1 - p-value, so 0.99 means only 1% of benign-like windows score as high. */
    public double score() {
        return 1 - pValue;
    }
}
