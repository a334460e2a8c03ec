package io.distillguard.feature;

import io.distillguard.event.ContentFlag;

/** Decides whether a normalised prompt falls into one content class, raising {@link #flag()} when it does. */
public sealed interface ContentClassifier
        permits ReasoningElicitationClassifier, TrainingDataRequestClassifier, RubricGradingClassifier, CodeDetector {

    /** The flag this classifier raises. */
    ContentFlag flag();

    /** True when {@code normalized} (see {@link TextNormalizer}) belongs to the class. */
    boolean test(String normalized);
}
