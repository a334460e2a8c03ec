package io.distillguard.detect.signal;

import static io.distillguard.detect.signal.Calibration.ramp;

import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.signal.Calibration.Percent;

/**
 * The projection-matrix extraction of Carlini et al. (2024), as a conjunction judged per account: {@code logit_bias}
 * sent together with logprobs on a share of requests, {@code top_logprobs} >= 5 harvested on most of them, by a new
 * account. {@link ApiSurfaceSignal} already reads each parameter alone (and the policy degrades on it); this signal is
 * the intent behind all of them at once, so that the entity is alerted and reviewed rather than only degraded. A
 * classifier that constrains labels with logit_bias and reads their probabilities is the same shape: its account age
 * keeps an established customer's reading at half strength (below the alert together with the API-surface reading).
 * Counters of the traffic profile only: no state of its own, no allocation but the reading.
 */
public final class LogitExtractionSignal implements Signal {
    private static final SignalScore NONE = SignalScore.none("logit_extraction",
            "no account sends logit_bias with logprobs while harvesting top_logprobs");

    @Override
    public String name() {
        return "logit_extraction";
    }

    @Override
    public double defaultWeight() {
        return 0.6;
    }

    @Override
    public SignalScore score(EntityView view) {
        long now = view.nowMs();
        Member best = null;
        double bestScore = 0;
        for (Member m : view.members()) {
            double probing = probing(m.traffic());
            if (probing <= bestScore) {
                continue; // most members never probe: no age to compute
            }
            double score = probing * (0.5 + 0.5 * AccountAge.youth(m.profile(), now));
            if (score > bestScore) {
                bestScore = score;
                best = m;
            }
        }
        if (best == null) {
            return NONE;
        }
        TrafficProfile t = best.traffic();
        double n = t.requests();
        return SignalScore.deferred(name(), probing(t), 0, bestScore,
                "account %s (%.0f days old): %d of %.0f requests send logit_bias with logprobs, %s harvest"
                        + " top_logprobs >= 5",
                best.profile().accountId(), AccountAge.days(best.profile(), now), t.logitBiasProbe(), n,
                new Percent(Calibration.share(t.topLogprobHarvest(), n)));
    }

    /** logit_bias probing (share and count, as {@link ApiSurfaceSignal} reads it) times top_logprobs harvesting. */
    static double probing(TrafficProfile t) {
        double n = t.requests();
        if (n < 10) {
            return 0;
        }
        double probe = ramp(Calibration.share(t.logitBiasProbe(), n), 0.005, 0.05) * ramp(t.logitBiasProbe(), 2, 10);
        return probe * ramp(Calibration.share(t.topLogprobHarvest(), n), 0.3, 0.8);
    }
}
