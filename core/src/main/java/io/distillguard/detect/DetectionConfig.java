package io.distillguard.detect;

import io.distillguard.detect.signal.Signal;
import io.distillguard.link.LinkConfig;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the detection engine (validated, immutable).
 *
 * @param alertThreshold    entity risk at which an alert is raised
 * @param riskUpdateDelta   change of an entity's risk that is worth emitting a new {@code RiskScore}
 * @param alertUpdateDelta  rise of risk that updates an open alert (a new revision)
 * @param scoreEveryEvents  an entity is re-scored after this many of its events...
 * @param scoreIntervalMs   ...or when this much event time has passed since its last scoring
 * @param maxMembersScored  members of a large entity that are scored one by one (a sample; totals stay exact)
 * @param maxTokensCeiling  max_tokens at or above this counts as asking for the ceiling
 * @param minRequests       requests an entity needs before rate-based signals (content, timing, ...) speak
 * @param weights           per-signal weight overrides (signal name -> weight in [0,1])
 * @param link              account-linking settings
 */
public record DetectionConfig(
        double alertThreshold,
        double riskUpdateDelta,
        double alertUpdateDelta,
        int scoreEveryEvents,
        long scoreIntervalMs,
        int maxMembersScored,
        int maxTokensCeiling,
        int minRequests,
        Map<String, Double> weights,
        LinkConfig link) {

    public DetectionConfig {
        if (alertThreshold <= 0 || alertThreshold > 1) {
            throw new IllegalArgumentException("alertThreshold must be in (0,1]");
        }
        if (riskUpdateDelta <= 0 || alertUpdateDelta <= 0) {
            throw new IllegalArgumentException("update deltas must be > 0");
        }
        if (scoreEveryEvents < 1 || scoreIntervalMs < 1 || maxMembersScored < 1 || maxTokensCeiling < 1
                || minRequests < 1) {
            throw new IllegalArgumentException("scoring limits must be positive");
        }
        weights = Map.copyOf(weights);
        weights.forEach((name, w) -> {
            if (w < 0 || w > 1) {
                throw new IllegalArgumentException("weight of " + name + " must be in [0,1]: " + w);
            }
        });
        Objects.requireNonNull(link, "link");
    }

    public static DetectionConfig defaults() {
        return new DetectionConfig(0.75, 0.02, 0.05, 32, 10 * 60_000L, 512, 16_384, 30, Map.of(),
                LinkConfig.defaults());
    }

    /** The weight of {@code signal}: the override when configured, else its default. */
    public double weight(Signal signal) {
        return weights.getOrDefault(signal.name(), signal.defaultWeight());
    }

    public DetectionConfig withAlertThreshold(double threshold) {
        return new DetectionConfig(threshold, riskUpdateDelta, alertUpdateDelta, scoreEveryEvents, scoreIntervalMs,
                maxMembersScored, maxTokensCeiling, minRequests, weights, link);
    }

    public DetectionConfig withScoring(int everyEvents, long intervalMs) {
        return new DetectionConfig(alertThreshold, riskUpdateDelta, alertUpdateDelta, everyEvents, intervalMs,
                maxMembersScored, maxTokensCeiling, minRequests, weights, link);
    }
}
