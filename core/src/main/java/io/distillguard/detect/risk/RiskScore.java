package io.distillguard.detect.risk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * An entity's risk in [0,1] at an event time, with the per-signal breakdown it was combined from (largest
 * contribution first). Emitted to the alert sink whenever it moves by more than the configured delta.
 *
 * @param entityId  entity
 * @param score     combined risk in [0,1]
 * @param breakdown every signal's reading and weight, largest contribution first
 * @param atMs      event time of the scoring
 */
public record RiskScore(String entityId, double score, List<SignalContribution> breakdown, long atMs) {
    public RiskScore {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("risk must be in [0,1]: " + score);
        }
        List<SignalContribution> sorted = new ArrayList<>(breakdown);
        sorted.sort(LARGEST_FIRST); // stable, as the stream sort it replaced
        breakdown = Collections.unmodifiableList(sorted);
    }

    private static final Comparator<SignalContribution> LARGEST_FIRST =
            Comparator.comparingDouble(SignalContribution::contribution).reversed();

    /** The reading of {@code signal}, or null. */
    public SignalContribution signal(String signal) {
        return breakdown.stream().filter(c -> c.reading().signal().equals(signal)).findFirst().orElse(null);
    }

    /** Signals that contribute at least {@code minContribution}, largest first. */
    public List<SignalContribution> top(double minContribution) {
        return breakdown.stream().filter(c -> c.contribution() >= minContribution).toList();
    }
}
