package io.distillguard.forensics;

import java.util.Comparator;
import java.util.List;

/**
 * The result of testing a suspect corpus against several keys, with the Holm-Bonferroni correction applied across
 * them.
 *
 * @param texts       number of suspect texts
 * @param occurrences slot occurrences in the corpus (repeats included)
 * @param results     one result per key, in the order the keys were given
 */
public record DetectionReport(int texts, long occurrences, List<KeyTestResult> results) {

    public DetectionReport {
        results = List.copyOf(results);
    }

    /** The key with the smallest adjusted p-value. */
    public KeyTestResult strongest() {
        return results.stream().min(Comparator.comparingDouble(KeyTestResult::holmAdjustedPValue)).orElseThrow();
    }
}
