package io.distillguard.detect.risk;

import io.distillguard.detect.signal.SignalScore;

/**
 * One signal's part in an entity's risk: its reading and its weight; {@link #contribution} = weight x score is the
 * probability this signal alone adds in the noisy-OR.
 */
public record SignalContribution(SignalScore reading, double weight) {
    public double contribution() {
        return weight * reading.score();
    }
}
