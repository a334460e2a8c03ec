package io.distillguard.limit;

/**
 * What a limit counts. Input and output tokens are separate dimensions because output tokens are what a distiller
 * harvests and are limited separately (and per day); the OpenAI headers fold both into "tokens".
 */
public enum Dimension {
    /** One per request, counted at admission and never refunded. */
    REQUESTS,
    /** Prompt tokens: reserved from the tokenizer's count, settled with the upstream's usage. */
    INPUT_TOKENS,
    /** Completion tokens: reserved up to max_tokens (or a default ceiling), settled with the actual usage. */
    OUTPUT_TOKENS;

    /** The amount of this dimension that {@code demand} asks for. */
    public long of(Demand demand) {
        return switch (this) {
            case REQUESTS -> demand.requests();
            case INPUT_TOKENS -> demand.inputTokens();
            case OUTPUT_TOKENS -> demand.maxOutputTokens();
        };
    }

    /** The amount of this dimension that {@code usage} actually used (requests are not settled: 0). */
    public long of(ActualUsage usage) {
        return switch (this) {
            case REQUESTS -> 0;
            case INPUT_TOKENS -> usage.inputTokens();
            case OUTPUT_TOKENS -> usage.outputTokens();
        };
    }

    /** True for the token dimensions, the ones a reservation holds and settlement corrects. */
    public boolean isTokens() {
        return this != REQUESTS;
    }
}
