package io.distillguard.flink;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.detect.risk.RiskScore;

/**
 * The engine's sink inside the job: forwards to whatever target the running operator set, so that an engine restored
 * from a checkpoint can be re-attached to the new operator instance's output.
 */
final class ForwardingAlertSink implements AlertSink {
    private AlertSink target;

    void target(AlertSink target) {
        this.target = target;
    }

    @Override
    public void onAlert(Alert alert) {
        target.onAlert(alert);
    }

    @Override
    public void onRiskScore(RiskScore score) {
        target.onRiskScore(score);
    }
}
