package io.distillguard.demo;

import java.util.List;

/**
 * One generated answer. {@code tokens} concatenate to {@code text}; usage counts are their sizes, so they always
 * equal a tokenizer count of what the client receives.
 *
 * @param index           choice index
 * @param text            the visible answer
 * @param tokens          the answer's tokens, as they are streamed
 * @param finishReason    "stop", or "length" when max_tokens cut it short
 * @param reasoning       the reasoning trace of a reasoning model, or null
 * @param reasoningTokens the trace's tokens (empty without a trace)
 * @param logprobs        per-token logprobs when asked for, else empty
 */
public record GeneratedChoice(int index, String text, List<String> tokens, String finishReason, String reasoning,
                              List<String> reasoningTokens, List<TokenLogprob> logprobs) {

    public GeneratedChoice {
        tokens = List.copyOf(tokens);
        reasoningTokens = List.copyOf(reasoningTokens);
        logprobs = List.copyOf(logprobs);
    }

    /** Output tokens billed for this choice: visible plus reasoning tokens. */
    public int outputTokens() {
        return tokens.size() + reasoningTokens.size();
    }

    public boolean truncated() {
        return "length".equals(finishReason);
    }
}
