package io.distillguard.event;

/**
 * Content classes a prompt can fall into, stored as bits in {@link PromptFeatures#contentFlags()}. New flags are
 * appended (the bit is the ordinal), never reordered, so stored events keep their meaning.
 */
public enum ContentFlag {
    /** Asks for step-by-step reasoning or the model's internal reasoning (reasoning-trace coercion). */
    REASONING_ELICITATION,
    /** Asks for training data, diverse examples, or many variations (meta-prompts for dataset generation). */
    TRAINING_DATA_REQUEST,
    /** Near-duplicate of a public benchmark item from the operator's benchmark index. */
    BENCHMARK_ITEM,
    /** Contains source code. */
    CODE,
    /** Asks to grade or score a response against a rubric (reward-model data). */
    RUBRIC_GRADING;

    public int bit() {
        return 1 << ordinal();
    }

    /** Bit set of the given flags. */
    public static int of(ContentFlag... flags) {
        int bits = 0;
        for (ContentFlag f : flags) {
            bits |= f.bit();
        }
        return bits;
    }
}
