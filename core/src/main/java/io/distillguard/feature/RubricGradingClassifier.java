package io.distillguard.feature;

import io.distillguard.event.ContentFlag;

/**
 * Flags prompts that ask the model to grade or score a response against a rubric or scale: the way reward-model data
 * is harvested. Rules live in {@code rubric-grading.rules}.
 */
public final class RubricGradingClassifier implements ContentClassifier {

    private final PatternRules rules;

    private RubricGradingClassifier(PatternRules rules) {
        this.rules = rules;
    }

    /** The classifier with the bundled rules. */
    public static RubricGradingClassifier load() {
        return new RubricGradingClassifier(PatternRules.load("rubric-grading.rules"));
    }

    @Override
    public ContentFlag flag() {
        return ContentFlag.RUBRIC_GRADING;
    }

    @Override
    public boolean test(String normalized) {
        return rules.anyMatch(normalized);
    }
}
