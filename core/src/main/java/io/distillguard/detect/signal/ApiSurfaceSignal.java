package io.distillguard.detect.signal;

import static io.distillguard.detect.signal.Calibration.pct;
import static io.distillguard.detect.signal.Calibration.ramp;

import io.distillguard.detect.profile.TrafficProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Use of the API surface that extraction needs and applications rarely do: logit_bias together with logprobs (the
 * projection-matrix attack), harvesting top_logprobs (>= 5), n > 1 sampling, max_tokens at the ceiling on most
 * requests, and temperature sweeps (many distinct temperatures). Components combine by noisy-OR.
 */
public final class ApiSurfaceSignal implements Signal {
    @Override
    public String name() {
        return "api_surface";
    }

    @Override
    public double defaultWeight() {
        return 0.6;
    }

    @Override
    public SignalScore score(EntityView view) {
        TrafficProfile t = view.total();
        double n = t.requests();
        if (n < 10) {
            return SignalScore.deferred(name(), 0, 0, 0, "%d requests; too few to judge", (long) n);
        }
        double probe = Calibration.share(t.logitBiasProbe(), n);
        double harvest = Calibration.share(t.topLogprobHarvest(), n);
        double multi = Calibration.share(t.multiChoice(), n);
        double ceiling = Calibration.share(t.maxTokensAtCeiling(), n);
        int temperatures = t.distinctTemperatures();
        // Calibration.noisyOr of the five parts, in the same order, without the array
        double miss = 1;
        miss *= 1 - clamp(ramp(probe, 0.005, 0.05) * ramp(t.logitBiasProbe(), 2, 10));
        miss *= 1 - clamp(0.7 * ramp(harvest, 0.3, 0.8));
        miss *= 1 - clamp(0.4 * ramp(multi, 0.3, 0.8));
        miss *= 1 - clamp(0.3 * ramp(ceiling, 0.5, 0.9));
        miss *= 1 - clamp(0.5 * ramp(temperatures, 4, 10));
        double score = 1 - miss;
        return SignalScore.deferred(name(), Math.max(Math.max(probe, harvest), Math.max(multi, ceiling)), 0, score,
                "%s (of %d requests)",
                new Seen(t.logitBiasProbe(), harvest, multi, ceiling, temperatures), (long) n);
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }

    /** What the explanation lists, formatted only when the explanation is read. */
    private record Seen(long logitBiasProbe, double harvest, double multi, double ceiling, int temperatures) {
        @Override
        public String toString() {
            List<String> seen = new ArrayList<>();
            if (logitBiasProbe > 0) {
                seen.add("%d requests with logit_bias and logprobs".formatted(logitBiasProbe));
            }
            if (harvest > 0) {
                seen.add(pct(harvest) + " ask top_logprobs >= 5");
            }
            if (multi > 0) {
                seen.add(pct(multi) + " ask n > 1");
            }
            if (ceiling > 0) {
                seen.add(pct(ceiling) + " ask max_tokens at the ceiling");
            }
            if (temperatures > 1) {
                seen.add(temperatures + " distinct temperatures");
            }
            return seen.isEmpty() ? "ordinary parameters" : String.join(", ", seen);
        }
    }
}
