package io.distillguard.forensics;

import io.distillguard.watermark.KeyedChoice;
import io.distillguard.watermark.SlotRule;
import io.distillguard.watermark.SynonymClass;
import io.distillguard.watermark.SynonymTable;
import io.distillguard.watermark.WatermarkKey;

import java.util.ArrayList;
import java.util.List;

/**
 * Tests whether texts from a suspect model carry the lexical watermark of one or more keys. A student trained on a
 * share of marked data leans towards the keyed member in each learned (previous word, class) slot; the lean shows most
 * where the keyed member is one the class rarely uses. So every occurrence of the keyed member scores the integer
 * weight round(4 ln(1 + e / ((1 - e) p))), the log-likelihood ratio of a student whose slot distribution moved a
 * share e (default 0.1) towards that member, p being the member's share of its class in the suspect corpus (which does
 * not depend on the key). Without the watermark each slot's keyed member is uniform and independent across slots,
 * whatever the text, so the statistic's null distribution is exact ({@link UniformChoiceSum}), repeats included.
 * Several keys are corrected with Holm-Bonferroni.
 *
 * <p>With a <em>reference</em> (never-watermarked outputs of the teacher itself, e.g. the provider's model answering
 * without the mark) each member of a unit instead scores its standardised excess over what the teacher says in that
 * very context: round(8 (c - n r) / sqrt(n r (1 - r) + 1)), r being the member's reference share after the same
 * previous word (smoothed towards its class share). That removes the natural spread of member frequencies, which is
 * what limits the plain statistic, so the signal of a unit grows with its occurrences. The values still do not depend
 * on the key, so the null stays exact. Thread-safe.
 */
public final class WatermarkDetector {

    /** The share of marked training data the weights are tuned for. */
    public static final double DEFAULT_ASSUMED_SHARE = 0.1;
    private static final double RESOLUTION = 4;
    private static final double RESIDUAL_RESOLUTION = 8;
    private static final double REFERENCE_PRIOR = 2;
    private static final String TIE_BREAK_CONTEXT = "\u0000distillguard/tie-break";

    private final SlotRule rule;
    private final double strength;
    private final double assumedShare;
    private final SlotOccurrences reference;

    /** @param strength the watermark strength the gateway used (share of slots marked) */
    public WatermarkDetector(SynonymTable table, double strength) {
        this(table, strength, DEFAULT_ASSUMED_SHARE);
    }

    /** @param assumedShare share of marked data in the suspect's training the weights are most powerful for */
    public WatermarkDetector(SynonymTable table, double strength, double assumedShare) {
        this(table, strength, assumedShare, null);
    }

    /**
     * @param reference slots of never-watermarked teacher outputs (key-independent), or null for the plain statistic
     */
    public WatermarkDetector(SynonymTable table, double strength, double assumedShare, SlotOccurrences reference) {
        this.reference = reference;
        if (!(assumedShare > 0 && assumedShare < 1)) {
            throw new IllegalArgumentException("assumedShare must be in (0, 1): " + assumedShare);
        }
        this.rule = new SlotRule(table);
        this.strength = strength;
        this.assumedShare = assumedShare;
    }

    public SlotOccurrences slots(List<String> texts) {
        return SlotOccurrences.collect(rule, texts);
    }

    public DetectionReport test(List<String> texts, List<WatermarkKey> keys) {
        SlotOccurrences slots = slots(texts);
        List<KeyTestResult> raw = new ArrayList<>();
        for (WatermarkKey key : keys) {
            raw.add(test(slots, key));
        }
        double[] adjusted = HolmBonferroni.adjust(raw.stream().mapToDouble(KeyTestResult::pValue).toArray());
        List<KeyTestResult> results = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            results.add(raw.get(i).withHolm(adjusted[i]));
        }
        return new DetectionReport(texts.size(), slots.occurrences(), results);
    }

    /** One key, no correction (its Holm-adjusted p-value equals its p-value). */
    public KeyTestResult test(SlotOccurrences slots, WatermarkKey key) {
        KeyedChoice choice = key.newChoice();
        UniformChoiceSum nullSum = new UniformChoiceSum();
        int units = 0;
        long hits = 0;
        long score = 0;
        long shift = 0;
        double mean = 0;
        double variance = 0;
        java.util.Map<Integer, int[]> weightsByClass = new java.util.HashMap<>();
        for (SlotOccurrences.Unit unit : slots.units()) {
            KeyedChoice.Decision decision = choice.decide(unit.context(), unit.synonymClass());
            if (!decision.selected(strength)) {
                continue;
            }
            int[] values = reference != null ? residuals(unit)
                    : scores(unit, weightsByClass.computeIfAbsent(unit.synonymClass().id(),
                            id -> weights(slots, unit.synonymClass())));
            units++;
            hits += unit.memberCounts()[decision.member()];
            score += values[decision.member()];
            int low = Integer.MAX_VALUE;
            double unitMean = 0;
            for (int v : values) {
                low = Math.min(low, v);
                unitMean += (double) v / values.length;
            }
            shift += low;
            mean += unitMean;
            for (int v : values) {
                variance += (v - unitMean) * (v - unitMean) / values.length;
            }
            nullSum.add(values);
        }
        double p = nullSum.atLeast(score - shift);
        double u = choice.decide(TIE_BREAK_CONTEXT, TieBreak.CLASS).uniform();
        double randomized = Math.min(1.0, nullSum.atLeast(score - shift + 1) + u * nullSum.exactly(score - shift));
        double z = variance == 0 ? 0 : (score - mean) / Math.sqrt(variance);
        return new KeyTestResult(key.id(), units, hits, score, mean, z, p, randomized, p);
    }

    /** Integer weight per member: the log-likelihood ratio of one occurrence, scaled and rounded. */
    private int[] weights(SlotOccurrences slots, SynonymClass synonymClass) {
        int[] counts = slots.classCounts(synonymClass);
        double total = 0;
        for (int c : counts) {
            total += c;
        }
        int[] weights = new int[counts.length];
        for (int m = 0; m < counts.length; m++) {
            double share = (counts[m] + 0.5) / (total + 0.5 * counts.length);
            weights[m] = (int) Math.round(RESOLUTION * Math.log1p(assumedShare / ((1 - assumedShare) * share)));
        }
        return weights;
    }

    /** Standardised excess of each member over the reference teacher's share in the same context, non-negative. */
    private int[] residuals(SlotOccurrences.Unit unit) {
        SynonymClass synonymClass = unit.synonymClass();
        int[] classCounts = reference.classCounts(synonymClass);
        SlotOccurrences.Unit ref = reference.unit(synonymClass, unit.context());
        int[] refCounts = ref == null ? new int[synonymClass.size()] : ref.memberCounts();
        double classTotal = 0;
        double refTotal = 0;
        for (int m = 0; m < classCounts.length; m++) {
            classTotal += classCounts[m] + 0.5;
            refTotal += refCounts[m];
        }
        int n = unit.total();
        int[] values = new int[synonymClass.size()];
        int low = Integer.MAX_VALUE;
        for (int m = 0; m < values.length; m++) {
            double prior = (classCounts[m] + 0.5) / classTotal;
            double r = (refCounts[m] + REFERENCE_PRIOR * prior) / (refTotal + REFERENCE_PRIOR);
            double z = (unit.memberCounts()[m] - n * r) / Math.sqrt(n * r * (1 - r) + 1);
            values[m] = (int) Math.round(RESIDUAL_RESOLUTION * z);
            low = Math.min(low, values[m]);
        }
        for (int m = 0; m < values.length; m++) {
            values[m] -= low;
        }
        return values;
    }

    private static int[] scores(SlotOccurrences.Unit unit, int[] weights) {
        int[] values = new int[weights.length];
        for (int m = 0; m < weights.length; m++) {
            values[m] = unit.memberCounts()[m] * weights[m];
        }
        return values;
    }
}
