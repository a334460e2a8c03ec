package io.distillguard.metering;

import io.distillguard.event.PromptFeatures;
import io.distillguard.feature.PromptMessage;
import java.util.List;

/** Turns a prompt into the features detectors read (the detection core's extractor, in production). */
@FunctionalInterface
public interface PromptFeaturizer {
    PromptFeatures featurize(List<PromptMessage> messages);
}
