package io.distillguard.event;

/**
 * Features of a request's prompt, computed once off the request path so that detectors never need raw text and a
 * replay of the stored log reproduces what the live detectors saw.
 *
 * @param chars         length of the normalised prompt in characters
 * @param messageCount  number of messages (1 for plain prompts)
 * @param userTurns     number of user messages (more than 1 means a multi-turn conversation)
 * @param contentHash   64-bit hash of the normalised prompt (exact duplicates)
 * @param simHash       64-bit SimHash of the prompt's word shingles (near duplicates: small Hamming distance)
 * @param templateHash  hash of the prompt skeleton: numbers, quoted spans and rare words masked, so prompts made from
 *                      one template share it
 * @param contentFlags  bit set of {@link ContentFlag}s raised by the content classifiers
 * @param language      ISO 639-1 guess of the prompt's language (e.g. "en", "zh"), or "und"
 * @param embedding     sentence embedding of the prompt, L2-normalised and quantised to int8 (value * 127), present
 *                      only for the sampled share of prompts that the semantic detectors embed; null otherwise.
 *                      (An array in a record compares by reference: compare events by requestId.)
 */
public record PromptFeatures(
        int chars,
        int messageCount,
        int userTurns,
        long contentHash,
        long simHash,
        long templateHash,
        int contentFlags,
        String language,
        byte[] embedding) {

    /** Features of a request without a prompt. */
    public static final PromptFeatures EMPTY = new PromptFeatures(0, 0, 0, 0L, 0L, 0L, 0, "und", null);

    /** A copy carrying {@code embedding}. */
    public PromptFeatures withEmbedding(byte[] embedding) {
        return new PromptFeatures(chars, messageCount, userTurns, contentHash, simHash, templateHash, contentFlags,
                language, embedding);
    }

    public boolean has(ContentFlag flag) {
        return (contentFlags & flag.bit()) != 0;
    }

    /** True for a single-turn prompt (one user message at most). */
    public boolean singleTurn() {
        return userTurns <= 1;
    }
}
