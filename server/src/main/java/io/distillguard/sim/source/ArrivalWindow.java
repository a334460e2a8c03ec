package io.distillguard.sim.source;

import io.distillguard.registry.Tier;

/**
 * What an arrival source needs to know to plan a population's requests: its active window (epoch ms), how many
 * accounts share it, their tier (for tier-riders) and the output tokens a request plans for.
 */
public record ArrivalWindow(long startMs, long endMs, int accounts, Tier tier, int plannedOutputTokens) {

    public ArrivalWindow {
        if (endMs <= startMs || accounts < 1 || plannedOutputTokens < 1) {
            throw new IllegalArgumentException("empty arrival window");
        }
    }

    public long lengthMs() {
        return endMs - startMs;
    }
}
