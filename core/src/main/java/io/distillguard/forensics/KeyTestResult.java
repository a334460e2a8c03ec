package io.distillguard.forensics;

/**
 * The watermark test of one key on one suspect corpus.
 *
 * @param keyId              "global" or "entity:&lt;id&gt;"
 * @param units              distinct (previous word, class) slots the key selects
 * @param hits               units whose observed member equals the keyed choice (the statistic)
 * @param expectedHits       mean of the statistic without the watermark (sum of 1/|class|)
 * @param zScore             (hits - expected) / null standard deviation
 * @param pValue             exact one-sided P(hits &gt;= observed) without the watermark (conservative; use as evidence)
 * @param randomizedPValue   P(hits &gt; observed) + u P(hits = observed) with u drawn from the key (independent of the
 *                           choices): exactly uniform without the watermark, used for calibration
 * @param holmAdjustedPValue Holm-Bonferroni adjusted {@code pValue} over the keys tested together
 */
public record KeyTestResult(String keyId, int units, int hits, double expectedHits, double zScore, double pValue,
                            double randomizedPValue, double holmAdjustedPValue) {

    KeyTestResult withHolm(double adjusted) {
        return new KeyTestResult(keyId, units, hits, expectedHits, zScore, pValue, randomizedPValue, adjusted);
    }
}
