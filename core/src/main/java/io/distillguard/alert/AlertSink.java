package io.distillguard.alert;

import io.distillguard.detect.risk.RiskScore;

/** Where the detection engine sends its output: alerts (deduplicated per entity) and risk-score updates. */
public interface AlertSink {

    /** A new alert, or a new revision of an entity's open alert. */
    void onAlert(Alert alert);

    /** An entity's risk moved by more than the configured delta (the policy engine listens here). */
    default void onRiskScore(RiskScore score) {
    }
}
