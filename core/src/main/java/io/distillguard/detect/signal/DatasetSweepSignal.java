package io.distillguard.detect.signal;

import static io.distillguard.detect.signal.Calibration.ramp;

import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.signal.Calibration.Percent;

/**
 * A bulk distiller on one account: a dataset of diverse instructions pushed through the model one by one to collect
 * the completions as training targets. Judged per account (the strongest member of the entity), as a conjunction:
 * every prompt a new item (distinct SimHashes close to the prompt count, coverage still growing), framed either not
 * at all (each prompt its own skeleton) or all through one to three fixed templates (a benchmark or dataset poured
 * into a harness prompt), all single-turn (no conversation), completions long enough to train on (a batch job that
 * fills one template for 8-token labels is not one), and a new account. Each part alone is ordinary (people write
 * diverse prompts, scripts send single turns, new customers exist); all of them at once are a dataset sweep, so a full
 * reading carries a high weight. Readings are computed from the traffic profiles, with no state of its own.
 */
public final class DatasetSweepSignal implements Signal {
    /** Mean completion tokens per request: labels (a few tokens) are not training targets, a paragraph (64) is. */
    static final double PAYLOAD_LOW = 16;
    static final double PAYLOAD_FULL = 64;

    @Override
    public String name() {
        return "dataset_sweep";
    }

    @Override
    public double defaultWeight() {
        return 0.85;
    }

    @Override
    public SignalScore score(EntityView view) {
        int min = view.config().minRequests();
        long now = view.nowMs();
        Member best = null;
        double bestScore = -1;
        for (Member m : view.members()) {
            TrafficProfile t = m.traffic();
            if (t.promptRequests() < min) {
                continue;
            }
            double score = shape(t) * payload(t) * AccountAge.youth(m.profile(), now);
            if (score > bestScore) {
                bestScore = score;
                best = m;
            }
        }
        if (best == null) {
            return SignalScore.none(name(), "no account with " + min + " prompts");
        }
        TrafficProfile t = best.traffic();
        double prompts = t.promptRequests();
        return SignalScore.deferred(name(), shape(t), 0, bestScore,
                "account %s (%.0f days old): %.0f prompts, %s distinct items, ~%.0f templates, %s single-turn,"
                        + " %.2f new prompts per prompt, %.0f completion tokens per request",
                best.profile().accountId(), AccountAge.days(best.profile(), now), prompts,
                new Percent(Math.min(1, t.distinctPrompts() / prompts)), t.distinctTemplates(),
                new Percent(t.singleTurn() / prompts), t.coverageGrowth(), meanOutput(t));
    }

    /** Dataset-likeness of the prompts in [0,1]: distinct, untemplated, single-turn, still growing. */
    static double shape(TrafficProfile t) {
        double prompts = t.promptRequests();
        if (prompts <= 0) {
            return 0;
        }
        double items = Math.min(1, t.distinctPrompts() / prompts);
        double templates = Math.min(1, t.distinctTemplates() / prompts);
        double singleTurn = t.singleTurn() / prompts;
        return ramp(items, 0.8, 0.95) * framing(t, templates) * ramp(singleTurn, 0.8, 0.98)
                * ramp(Math.min(1, t.coverageGrowth()), 0.3, 0.8);
    }

    /**
     * How the items are framed, in [0,1]: each prompt its own skeleton (a raw dataset), or nearly all through one to
     * three fixed templates (a dataset poured into a harness prompt: benchmark questions with "give the correct
     * answer and a detailed explanation"). Mixed framing (a person's varied phrasing around a few habits) reads 0.
     */
    static double framing(TrafficProfile t, double templateRatio) {
        double untemplated = ramp(templateRatio, 0.5, 0.8);
        return untemplated >= 1 ? 1 : Math.max(untemplated, ramp(t.topTemplates().topShare(3), 0.7, 0.9));
    }

    private static double payload(TrafficProfile t) {
        return ramp(meanOutput(t), PAYLOAD_LOW, PAYLOAD_FULL);
    }

    private static double meanOutput(TrafficProfile t) {
        return t.requests() == 0 ? 0 : (double) t.outputTokens() / t.requests();
    }
}
