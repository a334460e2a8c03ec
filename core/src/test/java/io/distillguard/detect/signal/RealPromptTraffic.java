package io.distillguard.detect.signal;

import io.distillguard.detect.TestEvents;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.event.PromptFeatures;
import io.distillguard.feature.FeatureConfig;
import io.distillguard.feature.PromptFeatureExtractor;
import io.distillguard.feature.PromptMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Features of real prompts from ../shared/data, as the gateway extracts them, for signal tests. */
final class RealPromptTraffic {
    static final long DAY = 86_400_000L;
    private static final PromptFeatureExtractor EXTRACTOR =
            new PromptFeatureExtractor(FeatureConfig.DEFAULTS, Optional.empty());

    private RealPromptTraffic() {
    }

    static PromptFeatures single(String prompt) {
        return EXTRACTOR.extract(List.of(PromptMessage.user(prompt)));
    }

    /** A chat: each request carries the conversation so far ({@code turnsPerChat} user turns, then a new chat). */
    static List<PromptFeatures> conversations(List<String> humanTurns, int turnsPerChat) {
        List<PromptFeatures> out = new ArrayList<>();
        List<PromptMessage> chat = new ArrayList<>();
        for (String turn : humanTurns) {
            if (chat.size() >= 2 * turnsPerChat - 1) {
                chat.clear();
            }
            if (!chat.isEmpty()) {
                chat.add(new PromptMessage("assistant", "Sure, here is my answer."));
            }
            chat.add(PromptMessage.user(turn));
            out.add(EXTRACTOR.extract(List.copyOf(chat)));
        }
        return out;
    }

    /** An account on tier-1 created {@code daysOld} days before T0. */
    static AccountProfile account(String id, int daysOld) {
        return new AccountProfile(id, "org_" + id, TestEvents.TIER1,
                Instant.ofEpochMilli(TestEvents.T0 - daysOld * DAY), null, null, null, "self-serve", false, null);
    }
}
