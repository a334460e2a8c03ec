package io.distillguard.feature;

import io.distillguard.event.ContentFlag;

/**
 * Flags meta-prompts that ask the model to produce training data: datasets, many diverse examples, N variations or
 * paraphrases, instruction/response pairs. Rules live in {@code training-data-request.rules}.
 */
public final class TrainingDataRequestClassifier implements ContentClassifier {

    private final PatternRules rules;

    private TrainingDataRequestClassifier(PatternRules rules) {
        this.rules = rules;
    }

    /** The classifier with the bundled rules. */
    public static TrainingDataRequestClassifier load() {
        return new TrainingDataRequestClassifier(PatternRules.load("training-data-request.rules"));
    }

    @Override
    public ContentFlag flag() {
        return ContentFlag.TRAINING_DATA_REQUEST;
    }

    @Override
    public boolean test(String normalized) {
        return rules.anyMatch(normalized);
    }
}
