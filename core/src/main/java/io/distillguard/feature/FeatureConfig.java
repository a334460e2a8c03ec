package io.distillguard.feature;

/**
 * Settings of {@link PromptFeatureExtractor}. Immutable and validated.
 *
 * @param shingleWords      words per shingle for the SimHash (3 is usual)
 * @param maxHashedChars    only the first this many characters of the normalised prompt are hashed and classified,
 *                          which bounds the cost of huge prompts ({@code chars} still reports the full length)
 * @param literalLineWords  in the template skeleton, lines with more words than this count as variable item text
 */
public record FeatureConfig(int shingleWords, int maxHashedChars, int literalLineWords) {

    /** Defaults: 3-word shingles, 32k characters hashed, lines up to 12 words literal. */
    public static final FeatureConfig DEFAULTS = new FeatureConfig(3, 32_768, 12);

    public FeatureConfig {
        if (shingleWords < 1 || shingleWords > 8) {
            throw new IllegalArgumentException("shingleWords must be in 1..8");
        }
        if (maxHashedChars < 256) {
            throw new IllegalArgumentException("maxHashedChars must be >= 256");
        }
        if (literalLineWords < 1) {
            throw new IllegalArgumentException("literalLineWords must be >= 1");
        }
    }
}
