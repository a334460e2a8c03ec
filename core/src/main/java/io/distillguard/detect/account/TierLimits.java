package io.distillguard.detect.account;

/**
 * A tier's published limits, as the detectors see them: how close an account rides to a cap only means something
 * relative to the cap.
 *
 * @param name      tier name (e.g. "tier-1")
 * @param rpm       requests per minute
 * @param inputTpm  input tokens per minute
 * @param outputTpm output tokens per minute
 * @param outputTpd output tokens per day
 */
public record TierLimits(String name, long rpm, long inputTpm, long outputTpm, long outputTpd) {
    public TierLimits {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tier name is required");
        }
        if (rpm <= 0 || inputTpm <= 0 || outputTpm <= 0 || outputTpd <= 0) {
            throw new IllegalArgumentException("tier limits must be > 0: " + name);
        }
    }
}
