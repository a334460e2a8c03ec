package io.distillguard.event;

/**
 * Request parameters that matter for extraction: logprob harvesting, logit_bias probing (Carlini et al. 2024),
 * n-sampling, max_tokens at the ceiling, temperature sweeps, structured output and reasoning settings.
 *
 * @param n               number of choices asked for (1 when absent)
 * @param temperature     sampling temperature, or null when absent
 * @param topP            nucleus parameter, or null when absent
 * @param maxTokens       max_tokens / max_completion_tokens / max_output_tokens, or null when absent
 * @param logprobs        whether logprobs were asked for
 * @param topLogprobs     top_logprobs asked for (0 when absent)
 * @param logitBiasSize   number of entries in logit_bias (0 when absent)
 * @param toolCount       number of tools declared
 * @param responseFormat  response_format type (e.g. json_schema), or null
 * @param stream          whether the client asked for a stream
 * @param reasoningEffort reasoning_effort / reasoning.effort, or null
 * @param seed            seed, or null
 */
public record RequestParams(
        int n,
        Double temperature,
        Double topP,
        Integer maxTokens,
        boolean logprobs,
        int topLogprobs,
        int logitBiasSize,
        int toolCount,
        String responseFormat,
        boolean stream,
        String reasoningEffort,
        Long seed) {

    /** Parameters of a request that set nothing (GET /v1/models, rejected requests). */
    public static final RequestParams NONE =
            new RequestParams(1, null, null, null, false, 0, 0, 0, null, false, null, null);

    /** True when the request both biases logits and reads logprobs: the projection-matrix stealing pattern. */
    public boolean logitBiasWithLogprobs() {
        return logitBiasSize > 0 && (logprobs || topLogprobs > 0);
    }
}
