package io.distillguard.evidence;

import io.distillguard.forensics.KeyTestResult;

/**
 * One trained student and the detector's verdict on its generations.
 *
 * @param trainingTexts        (prompt, response) pairs it was trained on
 * @param watermarkShare       share of those responses that carried the watermark
 * @param seed                 run seed
 * @param trainingTokens       response tokens it was trained on
 * @param generatedTokens      tokens it generated for the detector
 * @param markedKey            the test of the key its teacher data was marked with
 * @param smallestOtherAdjustedP smallest Holm-adjusted p-value among the keys that did not mark its data
 */
public record StudentResult(int trainingTexts, double watermarkShare, long seed, long trainingTokens,
                            long generatedTokens, KeyTestResult markedKey, double smallestOtherAdjustedP) {

    /** The smallest Holm-adjusted p-value over all keys tested. */
    public double smallestAdjustedP() {
        return Math.min(markedKey.holmAdjustedPValue(), smallestOtherAdjustedP);
    }
}
