package io.distillguard.forensics;

import io.distillguard.watermark.KeyedChoice;
import io.distillguard.watermark.SlotRule;
import io.distillguard.watermark.SynonymTable;
import io.distillguard.watermark.WatermarkKey;

import java.util.ArrayList;
import java.util.List;

/**
 * Tests whether texts from a suspect model carry the lexical watermark of one or more keys. For each distinct
 * (previous word, synonym class) slot the key selects, it checks whether the member that occurred equals the keyed
 * choice; without the watermark that happens with probability 1/|class| independently per slot, so the hit count has
 * an exact Poisson-binomial null distribution. Several keys are corrected with Holm-Bonferroni. Thread-safe.
 */
public final class WatermarkDetector {

    private static final String TIE_BREAK_CONTEXT = "\u0000distillguard/tie-break";

    private final SlotRule rule;
    private final double strength;

    /** @param strength the watermark strength the gateway used (share of slots marked) */
    public WatermarkDetector(SynonymTable table, double strength) {
        this.rule = new SlotRule(table);
        this.strength = strength;
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
        int[] bySize = new int[1];
        int units = 0;
        int hits = 0;
        double mean = 0;
        double variance = 0;
        for (SlotOccurrences.Unit unit : slots.units()) {
            KeyedChoice.Decision decision = choice.decide(unit.context(), unit.synonymClass());
            if (!decision.selected(strength)) {
                continue;
            }
            int size = unit.synonymClass().size();
            if (size >= bySize.length) {
                bySize = java.util.Arrays.copyOf(bySize, size + 1);
            }
            bySize[size]++;
            units++;
            hits += decision.member() == unit.observedMember() ? 1 : 0;
            mean += 1.0 / size;
            variance += (1.0 / size) * (1 - 1.0 / size);
        }
        PoissonBinomialTail tail = new PoissonBinomialTail(bySize);
        double p = tail.atLeast(hits);
        double u = choice.decide(TIE_BREAK_CONTEXT, TieBreak.CLASS).uniform();
        double randomized = Math.min(1.0, tail.atLeast(hits + 1) + u * tail.exactly(hits));
        double z = variance == 0 ? 0 : (hits - mean) / Math.sqrt(variance);
        return new KeyTestResult(key.id(), units, hits, mean, z, p, randomized, p);
    }
}
