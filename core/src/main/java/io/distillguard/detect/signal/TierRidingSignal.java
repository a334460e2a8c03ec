package io.distillguard.detect.signal;

import static io.distillguard.detect.signal.Calibration.ramp;

import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.signal.Calibration.Percent;

/**
 * Riding a tier's caps: a large share of active minutes at 80-100% of the per-minute caps (or days at 80-100% of the
 * daily output cap) without crossing them. People hit caps now and then and get throttled; a harvester tuned to the
 * limits sits just below them for hours.
 */
public final class TierRidingSignal implements Signal {
    @Override
    public String name() {
        return "tier_riding";
    }

    @Override
    public double defaultWeight() {
        return 0.2;
    }

    @Override
    public SignalScore score(EntityView view) {
        TrafficProfile t = view.total();
        long now = view.nowMs();
        double active = t.activeMinutes(now);
        double riding = t.ridingMinutes(now);
        double minuteShare = Calibration.share(riding, active);
        double dayShare = t.activeDays() >= 2 ? Calibration.share(t.ridingDays(), t.activeDays()) : 0;
        double crossing = Calibration.share(t.throttled(now), t.throttled(now) + riding);
        double score = Math.max(ramp(minuteShare, 0.2, 0.6) * ramp(riding, 5, 30), ramp(dayShare, 0.3, 0.8))
                * (1 - ramp(crossing, 0.1, 0.5));
        return SignalScore.deferred(name(), minuteShare, 0.8, score,
                "%s of recent active minutes (%.0f of %.0f) at 80-100%% of the per-minute caps, %d of %d days at"
                        + " 80-100%% of the daily output cap; throttled %.0f times",
                new Percent(minuteShare), riding, active, t.ridingDays(), t.activeDays(), t.throttled(now));
    }
}
