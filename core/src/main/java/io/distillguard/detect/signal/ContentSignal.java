package io.distillguard.detect.signal;

import static io.distillguard.detect.signal.Calibration.ramp;

import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.signal.Calibration.Percent;
import io.distillguard.event.ContentFlag;
import java.util.List;

/**
 * What the prompts ask for: the share of prompts flagged as reasoning-trace elicitation, training-data requests,
 * rubric grading (reward-model data) or benchmark items, for the most over-represented of these flags against its
 * population share. The score starts at twice the population share (at least 10%) and is full 35 points above.
 */
public final class ContentSignal implements Signal {
    /** The reading when there is nothing to judge yet (readings are immutable, so one serves all entities). */
    private static final SignalScore NO_FLAGS = SignalScore.none("content", "no extraction-related content flags");

    static final List<ContentFlag> EXTRACTION_FLAGS = List.of(ContentFlag.REASONING_ELICITATION,
            ContentFlag.TRAINING_DATA_REQUEST, ContentFlag.RUBRIC_GRADING, ContentFlag.BENCHMARK_ITEM);

    @Override
    public String name() {
        return "content";
    }

    @Override
    public double defaultWeight() {
        return 0.6;
    }

    @Override
    public SignalScore score(EntityView view) {
        TrafficProfile t = view.total();
        if (t.promptRequests() < view.config().minRequests()) {
            return SignalScore.deferred(name(), 0, 0, 0, "%d prompts; too few to judge", t.promptRequests());
        }
        SignalScore best = NO_FLAGS;
        for (ContentFlag flag : EXTRACTION_FLAGS) {
            double share = Calibration.share(t.flagCount(flag), t.promptRequests());
            double population = view.baselines().flagShare(flag);
            double low = Math.min(0.5, Math.max(0.1, 2 * population));
            double score = ramp(share, low, low + 0.35);
            if (share > 0 && (score > best.score() || (best.score() == 0 && share > best.value()))) {
                best = SignalScore.deferred(name(), share, population, score, "%s of %d prompts are %s (population %s)",
                        new Percent(share), t.promptRequests(), describe(flag), new Percent(population));
            }
        }
        return best;
    }

    private static String describe(ContentFlag flag) {
        return switch (flag) {
            case REASONING_ELICITATION -> "reasoning-trace elicitation";
            case TRAINING_DATA_REQUEST -> "training-data requests";
            case RUBRIC_GRADING -> "rubric grading";
            case BENCHMARK_ITEM -> "benchmark items";
            case CODE -> "code";
        };
    }
}
