package io.distillguard.forensics;

/**
 * The watermark test of one key on one suspect corpus.
 *
 * @param keyId              "global" or "entity:&lt;id&gt;"
 * @param units              distinct (previous word, class) slots the key selects
 * @param hits               occurrences in those slots of the member the key picks
 * @param score              the statistic: hits weighted by how unusual the keyed member is in its class
 * @param expectedScore      mean of the statistic without the watermark
 * @param zScore             (score - expected) / null standard deviation
 * @param pValue             exact one-sided P(score &gt;= observed) without the watermark (conservative; use as evidence)
 * @param randomizedPValue   P(score &gt; observed) + u P(score = observed) with u drawn from the key (independent of the
 *                           choices): exactly uniform without the watermark, used for calibration
 * @param holmAdjustedPValue Holm-Bonferroni adjusted {@code pValue} over the keys tested together
 */
public record KeyTestResult(String keyId, int units, long hits, long score, double expectedScore, double zScore,
                            double pValue, double randomizedPValue, double holmAdjustedPValue) {

    KeyTestResult withHolm(double adjusted) {
        return new KeyTestResult(keyId, units, hits, score, expectedScore, zScore, pValue, randomizedPValue, adjusted);
    }
}
