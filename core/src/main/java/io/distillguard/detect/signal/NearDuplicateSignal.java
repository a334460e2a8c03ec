package io.distillguard.detect.signal;

import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.signal.Calibration.Percent;
import io.distillguard.detect.sketch.NearDuplicates;

/**
 * Near-duplicate rate (SEAT-style similar-pair counting): share of prompts within {@value NearDuplicates#MAX_HAMMING}
 * SimHash bits of one of the account's recent prompts. Systematic probing varies one slot of a prompt at a time.
 */
public final class NearDuplicateSignal implements Signal {
    static final double REFERENCE = 0.1;

    @Override
    public String name() {
        return "near_duplicates";
    }

    @Override
    public double defaultWeight() {
        return 0.15;
    }

    @Override
    public SignalScore score(EntityView view) {
        TrafficProfile t = view.total();
        if (t.promptRequests() < view.config().minRequests()) {
            return SignalScore.deferred(name(), 0, 0, 0, "%d prompts; too few to judge", t.promptRequests());
        }
        double rate = t.nearDuplicateRate();
        return SignalScore.deferred(name(), rate, REFERENCE, Calibration.ramp(rate, 0.2, 0.6),
                "%s of prompts are near duplicates of a recent prompt (typical < %s)", new Percent(rate),
                new Percent(REFERENCE));
    }
}
