package io.distillguard.enforce;

import io.distillguard.gateway.ErrorResponse;

/** What applying one degrade decision to a request did: rewrote it (possibly not at all), or refused it. */
public sealed interface DegradeOutcome {

    /**
     * @param changed          whether the body was rewritten
     * @param strippedLogprobs whether logprobs / top_logprobs were removed
     * @param choicesWithheld  choices cut by the n cap (0 when none)
     * @param tokensWithheld   output tokens cut by the max_tokens cap, over all choices (0 when none)
     */
    record Rewritten(boolean changed, boolean strippedLogprobs, int choicesWithheld, long tokensWithheld)
            implements DegradeOutcome {
        public static final Rewritten UNCHANGED = new Rewritten(false, false, 0, 0);
    }

    /** The request may not be served as asked (logit_bias together with logprobs). */
    record Refused(ErrorResponse error) implements DegradeOutcome {}
}
