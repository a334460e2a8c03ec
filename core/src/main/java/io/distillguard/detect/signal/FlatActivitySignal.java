package io.distillguard.detect.signal;

import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.sketch.HourOfDayHistogram;

/**
 * Flat 24/7 activity: normalised entropy of requests over the UTC hours of the day, once the entity has been seen for
 * a day and a half. Someone working twelve hours a day stays below 0.8; a pipeline that never sleeps approaches 1.
 */
public final class FlatActivitySignal implements Signal {
    /** The reading when there is nothing to judge yet (readings are immutable, so one serves all entities). */
    private static final SignalScore TOO_YOUNG = SignalScore.none("flat_activity",
            "seen for less than 36 hours or too few requests");

    static final long MIN_SPAN_MS = 36 * 3_600_000L;
    static final double REFERENCE = 0.78;

    @Override
    public String name() {
        return "flat_activity";
    }

    @Override
    public double defaultWeight() {
        return 0.1;
    }

    @Override
    public SignalScore score(EntityView view) {
        TrafficProfile t = view.total();
        if (t.lastSeenMs() - t.firstSeenMs() < MIN_SPAN_MS || t.requests() < 2L * view.config().minRequests()) {
            return TOO_YOUNG;
        }
        HourOfDayHistogram hours = t.hours();
        double entropy = hours.normalisedEntropy();
        return SignalScore.deferred(name(), entropy, REFERENCE, Calibration.ramp(entropy, 0.9, 0.98),
                "active in %d of 24 hours of the day, hour entropy %.2f (12 h a day = %.2f)",
                hours.activeHours(), entropy, REFERENCE);
    }
}
