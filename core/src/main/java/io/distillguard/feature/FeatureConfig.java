package io.distillguard.feature;

/**
 * Settings of {@link PromptFeatureExtractor}. Immutable and validated.
 *
 * @param shingleWords        words per shingle for the SimHash (3 is usual)
 * @param maxHashedChars      only the first this many characters of the normalised prompt are hashed and classified,
 *                            which bounds the cost of huge prompts ({@code chars} still reports the full length)
 * @param literalLineWords    in the template skeleton, lines with more words than this count as variable item text
 * @param templateMinCount    recent occurrences after which a recurring prefix or suffix counts as a template (the
 *                            warm-up of a new template; see {@link TemplateRecognizer})
 * @param templateSketchWidth counters per row of the sketch that counts template anchors (a power of two; 16 bytes
 *                            each); larger remembers rarer templates for longer
 */
public record FeatureConfig(int shingleWords, int maxHashedChars, int literalLineWords, int templateMinCount,
                            int templateSketchWidth) {

    /** Defaults: 3-word shingles, 32k characters hashed, lines up to 12 words literal, templates after 8, 1 MiB. */
    public static final FeatureConfig DEFAULTS = new FeatureConfig(3, 32_768, 12, 8, 1 << 16);

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
        if (templateMinCount < 2) {
            throw new IllegalArgumentException("templateMinCount must be >= 2");
        }
        if (templateSketchWidth < 1024 || templateSketchWidth > 1 << 22 || Integer.bitCount(templateSketchWidth) != 1) {
            throw new IllegalArgumentException("templateSketchWidth must be a power of two in 1024..2^22");
        }
    }
}
