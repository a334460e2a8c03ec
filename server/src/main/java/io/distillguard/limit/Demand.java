package io.distillguard.limit;

/**
 * What a request asks to reserve at admission: one request, its prompt tokens (from a tokenizer) and the most output
 * tokens it may produce (max_tokens times n, or a default ceiling when the client set none).
 */
public record Demand(long requests, long inputTokens, long maxOutputTokens) {

    public Demand {
        if (requests < 0 || inputTokens < 0 || maxOutputTokens < 0) {
            throw new IllegalArgumentException(
                    "negative demand: " + requests + "/" + inputTokens + "/" + maxOutputTokens);
        }
    }

    /**
     * The demand of one completion request.
     *
     * @param promptTokens         prompt tokens counted by the tokenizer
     * @param maxTokens            the request's max_tokens (or max_completion_tokens), null when absent
     * @param n                    number of choices asked for (values below 1 count as 1)
     * @param defaultMaxOutputTokens ceiling reserved per choice when max_tokens is absent
     */
    public static Demand forCompletion(long promptTokens, Integer maxTokens, int n, long defaultMaxOutputTokens) {
        long perChoice = maxTokens != null ? Math.max(0, maxTokens) : defaultMaxOutputTokens;
        return new Demand(1, promptTokens, Math.multiplyExact(perChoice, Math.max(1, n)));
    }
}
