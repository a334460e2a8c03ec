package io.distillguard.detect.signal;

import static io.distillguard.detect.signal.Calibration.ramp;

import io.distillguard.detect.signal.Calibration.Percent;
import io.distillguard.detect.sketch.QuantileSketch;

/**
 * A fleet: many accounts that each look light (below the tier's 95th percentile active hour) but together use many
 * heavy accounts' worth, with the load spread evenly across them as a load balancer would (low coefficient of
 * variation of per-account tokens). A company's staff are also many light accounts, but their usage is uneven.
 */
public final class FleetSignal implements Signal {
    static final int MIN_ACCOUNTS = 4;

    @Override
    public String name() {
        return "fleet";
    }

    @Override
    public double defaultWeight() {
        return 0.2;
    }

    @Override
    public SignalScore score(EntityView view) {
        int n = view.members().size();
        QuantileSketch peers = view.baselines().activeHourTokens(view.tier());
        if (n < MIN_ACCOUNTS || peers.count() < VolumeSignal.MIN_PEER_HOURS) {
            return SignalScore.deferred(name(), 0, 0, 0, "%d account(s); no fleet", n);
        }
        double heavy = Math.max(1, peers.quantile(0.95));
        long now = view.nowMs();
        double sum = 0;
        double sumSq = 0;
        int light = 0;
        for (Member m : view.members()) {
            double tokens = m.traffic().totalTokens();
            sum += tokens;
            sumSq += tokens * tokens;
            if (m.traffic().tokensPerHour(now) <= heavy) {
                light++;
            }
        }
        double mean = sum / n;
        double cv = mean <= 0 ? 0 : Math.sqrt(Math.max(0, sumSq / n - mean * mean)) / mean;
        double ratio = view.total().tokensPerHour(now) / heavy;
        double lightShare = (double) light / n;
        double score = ramp(n, MIN_ACCOUNTS, 15) * ramp(ratio, 1.5, 6) * lightShare * (1 - ramp(cv, 0.3, 1.0));
        return SignalScore.deferred(name(), ratio, 1, score,
                "%d accounts, %s light, together %s tokens/h = %.1fx a heavy (p95) %s account-hour of %s;"
                        + " per-account usage CV %.2f", n, new Percent(lightShare),
                new Calibration.Compact(view.total().tokensPerHour(now)), ratio, view.tier(),
                new Calibration.Compact(heavy), cv);
    }
}
