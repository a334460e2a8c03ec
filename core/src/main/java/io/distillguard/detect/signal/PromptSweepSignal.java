package io.distillguard.detect.signal;

import static io.distillguard.detect.signal.Calibration.ramp;

import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.signal.Calibration.Percent;

/**
 * A dataset sweep: many distinct items (distinct SimHashes close to the prompt count) pushed through few templates,
 * single-turn, with coverage still growing (new distinct prompts per prompt since the last checkpoint). Value =
 * item diversity x (1 - template diversity) x single-turn share; the score also needs coverage growth.
 */
public final class PromptSweepSignal implements Signal {
    @Override
    public String name() {
        return "prompt_sweep";
    }

    @Override
    public double defaultWeight() {
        return 0.15;
    }

    @Override
    public SignalScore score(EntityView view) {
        TrafficProfile t = view.total();
        long prompts = t.promptRequests();
        if (prompts < view.config().minRequests()) {
            return SignalScore.deferred(name(), 0, 0, 0, "%d prompts; too few to judge", prompts);
        }
        double items = Math.min(1, t.distinctPrompts() / prompts);
        double templates = Math.min(1, t.distinctTemplates() / prompts);
        double singleTurn = Calibration.share(t.singleTurn(), prompts);
        double growth = Math.min(1, t.coverageGrowth());
        double value = items * (1 - templates) * singleTurn;
        return SignalScore.deferred(name(), value, 0, ramp(value, 0.3, 0.8) * ramp(growth, 0.3, 0.8),
                "%d prompts: %s distinct items through ~%.0f templates, %s single-turn, %.2f new prompts per prompt",
                prompts, new Percent(items), t.distinctTemplates(), new Percent(singleTurn), growth);
    }
}
