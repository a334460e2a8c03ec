package io.distillguard.detect.signal;

import static io.distillguard.detect.signal.Calibration.ramp;

/**
 * Machine-regular timing: per account, the coefficient of variation of in-session inter-arrival gaps. Poisson-like
 * human think times give CV near 1; a timer or a rate-limited queue gives CV near 0. The entity's score is the
 * request-weighted mean of its accounts' regularity (1 - ramp(CV, 0.15, 0.6)).
 */
public final class TimingRegularitySignal implements Signal {
    static final int MIN_GAPS = 20;
    /** The reading when there is nothing to judge yet (readings are immutable, so one serves all entities). */
    private static final SignalScore TOO_FEW_GAPS = SignalScore.none("timing_regularity",
            "no account has " + MIN_GAPS + " in-session gaps yet");

    @Override
    public String name() {
        return "timing_regularity";
    }

    @Override
    public double defaultWeight() {
        return 0.2;
    }

    @Override
    public SignalScore score(EntityView view) {
        double weight = 0;
        double regular = 0;
        double cvSum = 0;
        int judged = 0;
        int machine = 0;
        for (Member m : view.members()) {
            if (m.traffic().gaps().count() < MIN_GAPS) {
                continue;
            }
            double cv = m.traffic().gaps().coefficientOfVariation();
            double w = m.traffic().requests();
            regular += w * (1 - ramp(cv, 0.15, 0.6));
            cvSum += w * cv;
            weight += w;
            judged++;
            if (cv < 0.3) {
                machine++;
            }
        }
        if (judged == 0) {
            return TOO_FEW_GAPS;
        }
        double cv = cvSum / weight;
        return SignalScore.deferred(name(), cv, 1.0, regular / weight,
                "%d of %d accounts send at machine-regular intervals; request-weighted gap CV %.2f (human ~1)",
                machine, judged, cv);
    }
}
