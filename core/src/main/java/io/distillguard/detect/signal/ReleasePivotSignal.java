package io.distillguard.detect.signal;

import io.distillguard.detect.profile.ModelMix;
import io.distillguard.detect.signal.Calibration.Percent;

/**
 * Release pivot: within a day of a model's first appearance, a large share of the entity's recent tokens (6-hour
 * half-life) moved to it, although the entity had been using other models before the release. Reported of a
 * campaign that moved half its traffic to a new model within 24 hours.
 */
public final class ReleasePivotSignal implements Signal {
    /** The reading when there is nothing to judge yet (readings are immutable, so one serves all entities). */
    private static final SignalScore NO_PIVOT = SignalScore.none("release_pivot",
            "no traffic moved to a model released within a day");

    static final long NEW_MODEL_MS = 24 * 3_600_000L;
    static final long MIN_TOKENS = 10_000;

    @Override
    public String name() {
        return "release_pivot";
    }

    @Override
    public double defaultWeight() {
        return 0.3;
    }

    @Override
    public SignalScore score(EntityView view) {
        long now = view.nowMs();
        ModelMix mix = view.total().models();
        double all = 0;
        double onNew = 0;
        String newest = null;
        for (int i = 0; i < mix.size(); i++) {
            double recent = mix.recentTokens(i, now);
            all += recent;
            long firstSeen = view.baselines().modelFirstSeen(mix.model(i));
            boolean released = firstSeen != Long.MIN_VALUE && now - firstSeen <= NEW_MODEL_MS
                    && view.total().firstSeenMs() < firstSeen;
            if (released) {
                onNew += recent;
                newest = mix.model(i);
            }
        }
        if (newest == null || all < MIN_TOKENS || view.total().totalTokens() < 2 * MIN_TOKENS) {
            return NO_PIVOT;
        }
        double share = onNew / all;
        return SignalScore.deferred(name(), share, 0, Calibration.ramp(share, 0.25, 0.6),
                "%s of recent tokens moved to %s, first seen %.1f h ago", new Percent(share), newest,
                (now - view.baselines().modelFirstSeen(newest)) / 3_600_000d);
    }
}
