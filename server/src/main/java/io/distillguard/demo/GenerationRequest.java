package io.distillguard.demo;

import java.util.Map;
import java.util.Objects;

/**
 * What to generate, independent of the API it was asked through.
 *
 * @param promptText      the whole prompt (all messages' text); seeds the text together with the simulator's seed
 * @param n               number of choices
 * @param maxTokens       cap of each choice's visible output, or null
 * @param topLogprobs     alternatives to report per token; logprobs are reported when {@code logprobs} is true
 * @param logprobs        whether per-token logprobs are reported
 * @param logitBias       token id to bias (-100..100), as sent; positively biased tokens rank high among alternatives
 * @param reasoning       whether the model writes a reasoning trace
 * @param reasoningEffort minimal, low, medium or high (null = medium); scales the reasoning trace
 */
public record GenerationRequest(String promptText, int n, Integer maxTokens, boolean logprobs, int topLogprobs,
                                Map<Integer, Integer> logitBias, boolean reasoning, String reasoningEffort) {

    public GenerationRequest {
        Objects.requireNonNull(promptText, "promptText");
        logitBias = Map.copyOf(logitBias == null ? Map.of() : logitBias);
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1");
        }
    }

    /** One plain choice without logprobs. */
    public static GenerationRequest of(String promptText, Integer maxTokens) {
        return new GenerationRequest(promptText, 1, maxTokens, false, 0, Map.of(), false, null);
    }
}
