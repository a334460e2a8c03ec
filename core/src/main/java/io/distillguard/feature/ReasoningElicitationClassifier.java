package io.distillguard.feature;

import io.distillguard.event.ContentFlag;

/**
 * Flags prompts that ask for step-by-step reasoning, chain of thought or the model's internal reasoning (reasoning-trace
 * coercion), in English, Chinese, Japanese, Korean, Russian, Spanish, French, German, Portuguese, Italian and Arabic.
 * Distillation campaigns use such prompts to harvest reasoning traces; rules live in {@code reasoning-elicitation.rules}.
 */
public final class ReasoningElicitationClassifier implements ContentClassifier {

    private final PatternRules rules;

    private ReasoningElicitationClassifier(PatternRules rules) {
        this.rules = rules;
    }

    /** The classifier with the bundled rules. */
    public static ReasoningElicitationClassifier load() {
        return new ReasoningElicitationClassifier(PatternRules.load("reasoning-elicitation.rules"));
    }

    @Override
    public ContentFlag flag() {
        return ContentFlag.REASONING_ELICITATION;
    }

    @Override
    public boolean test(String normalized) {
        return rules.anyMatch(normalized);
    }
}
