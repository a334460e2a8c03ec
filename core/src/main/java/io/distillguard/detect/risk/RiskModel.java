package io.distillguard.detect.risk;

import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.signal.Signal;
import io.distillguard.detect.signal.SignalScore;
import java.util.ArrayList;
import java.util.List;

/**
 * How signal readings become one risk: a weighted noisy-OR, {@code risk = 1 - prod_i (1 - w_i * s_i)}, where
 * {@code s_i} in [0,1] is signal i's calibrated score and {@code w_i} its weight (the risk a full-strength reading of
 * that signal carries on its own). Independent evidence accumulates, no single weak signal can alert, and the result
 * stays in [0,1].
 *
 * <p>Default weights put intent signals (content flags 0.6, API surface 0.6, release pivot 0.3) above shape signals
 * (volume, templates, timing, fleet: 0.1-0.2 each). With the default alert threshold of 0.75, a single intent signal
 * plus a couple of shape signals stays below it (e.g. 1 - 0.4 x 0.8 x 0.85 = 0.73): a person who asks for
 * step-by-step reasoning is not a campaign, while intent together with several coordination signals, or nearly every
 * shape signal at once (a hydra fleet), crosses it.
 */
public final class RiskModel {
    private final DetectionConfig config;

    public RiskModel(DetectionConfig config) {
        this.config = config;
    }

    /**
     * The risk alone, without the breakdown: {@code combine(...).score()} for readings in signal order and the
     * signals' configured weights, computed the same way (same order of operations, so the same double).
     */
    public static double risk(double[] weights, SignalScore[] readings) {
        double miss = 1;
        for (int i = 0; i < readings.length; i++) {
            miss *= 1 - weights[i] * readings[i].score();
        }
        return Math.max(0, Math.min(1, 1 - miss));
    }

    /**
     * {@link #combine(String, List, List, long)} with the signals' configured weights already looked up (the engine
     * keeps them in signal order): the same breakdown and the same risk, without a weight lookup per signal.
     */
    public static RiskScore combine(String entityId, double[] weights, SignalScore[] readings, long atMs) {
        List<SignalContribution> parts = new ArrayList<>(readings.length);
        double miss = 1;
        for (int i = 0; i < readings.length; i++) {
            SignalContribution part = new SignalContribution(readings[i], weights[i]);
            miss *= 1 - part.contribution();
            parts.add(part);
        }
        return new RiskScore(entityId, Math.max(0, Math.min(1, 1 - miss)), parts, atMs);
    }

    public RiskScore combine(String entityId, List<Signal> signals, List<SignalScore> readings, long atMs) {
        List<SignalContribution> parts = new ArrayList<>(signals.size());
        double miss = 1;
        for (int i = 0; i < signals.size(); i++) {
            SignalContribution part = new SignalContribution(readings.get(i), config.weight(signals.get(i)));
            miss *= 1 - part.contribution();
            parts.add(part);
        }
        return new RiskScore(entityId, Math.max(0, Math.min(1, 1 - miss)), parts, atMs);
    }
}
