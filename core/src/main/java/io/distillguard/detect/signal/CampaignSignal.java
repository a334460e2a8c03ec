package io.distillguard.detect.signal;

import static io.distillguard.detect.signal.Calibration.ramp;

import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.signal.Calibration.Percent;
import io.distillguard.event.ContentFlag;

/**
 * A distillation campaign: extraction intent carried by the shape of a fleet. Intent is what the entity's prompts
 * ask for (the strongest of: reasoning-trace, training-data, rubric or benchmark content flags above twice their
 * population share; a dataset sweep of items through few templates; logprob and logit_bias harvesting). Fleet shape
 * is several linked accounts, most of them newly created, whose traffic is spread evenly across them as a scheduler
 * spreads it (low coefficient of variation of per-account requests). Reading = intent x fleet shape: intent alone is a
 * person asking for step-by-step answers, a fleet alone is a new team behind one company domain, while intent carried
 * by a new, evenly loaded fleet is the hydra pattern of the public reports, hence the high weight of a full reading.
 */
public final class CampaignSignal implements Signal {
    static final int MIN_ACCOUNTS = 3;
    static final int FULL_ACCOUNTS = 6;

    @Override
    public String name() {
        return "campaign";
    }

    @Override
    public double defaultWeight() {
        return 0.7;
    }

    @Override
    public SignalScore score(EntityView view) {
        int n = view.members().size();
        TrafficProfile total = view.total();
        if (n < MIN_ACCOUNTS) {
            return SignalScore.none(name(), n + " account(s); no fleet");
        }
        if (total.promptRequests() < view.config().minRequests()) {
            return SignalScore.none(name(), total.promptRequests() + " prompts; too few to judge");
        }
        long now = view.nowMs();
        double youth = 0;
        double sum = 0;
        double sumSq = 0;
        for (Member m : view.members()) {
            youth += AccountAge.youth(m.profile(), now);
            double requests = m.traffic().requests();
            sum += requests;
            sumSq += requests * requests;
        }
        double young = youth / n;
        double mean = sum / n;
        double cv = mean <= 0 ? 0 : Math.sqrt(Math.max(0, sumSq / n - mean * mean)) / mean;
        double fleet = ramp(n, MIN_ACCOUNTS - 1, FULL_ACCOUNTS) * young * (1 - ramp(cv, 0.4, 1.2));
        if (fleet == 0) {
            return SignalScore.deferred(name(), 0, 0, 0,
                    "%d linked accounts, %s new, per-account requests CV %.2f: not a new, evenly loaded fleet", n,
                    new Percent(young), cv);
        }
        ContentFlag flag = null;
        double flagShare = 0;
        double intent = 0;
        for (ContentFlag f : ContentSignal.EXTRACTION_FLAGS) {
            double share = Calibration.share(total.flagCount(f), total.promptRequests());
            double low = Math.min(0.5, Math.max(0.1, 2 * view.baselines().flagShare(f)));
            double reading = ramp(share, low, low + 0.35);
            if (reading > intent || (intent == 0 && share > flagShare)) {
                intent = reading;
                flag = f;
                flagShare = share;
            }
        }
        double sweep = ramp(sweepValue(total), 0.3, 0.8);
        double harvest = ramp(Calibration.share(total.topLogprobHarvest() + total.logitBiasProbe(),
                total.requests()), 0.2, 0.6);
        Object what = flag == null ? "no extraction content" : new Flagged(flag, flagShare);
        if (sweep > intent) {
            intent = sweep;
            what = "a dataset sweep through few templates";
        }
        if (harvest > intent) {
            intent = harvest;
            what = "logprob harvesting";
        }
        return SignalScore.deferred(name(), intent * fleet, 0, intent * fleet,
                "intent %.2f (%s) carried by %d linked accounts, %s new, per-account requests CV %.2f (fleet %.2f)",
                intent, what, n, new Percent(young), cv, fleet);
    }

    /** The strongest content flag and its share, formatted only when the explanation is read. */
    private record Flagged(ContentFlag flag, double share) {
        @Override
        public String toString() {
            return Calibration.pct(share) + " " + flag.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static double sweepValue(TrafficProfile t) {
        double prompts = t.promptRequests();
        double items = Math.min(1, t.distinctPrompts() / prompts);
        double templates = Math.min(1, t.distinctTemplates() / prompts);
        return items * (1 - templates) * t.singleTurn() / prompts * ramp(Math.min(1, t.coverageGrowth()), 0.3, 0.8);
    }
}
