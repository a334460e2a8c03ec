package io.distillguard.detect.signal;

/**
 * Settings of {@link SemanticSignal}. Immutable and validated. The projection seed must be the one the benign
 * reference was projected with ({@code BenignReferenceLoader}), or the two live in different spaces.
 *
 * @param maxAccounts     accounts whose embedding state is kept; beyond it the least recently updated is evicted
 * @param windowSize      embeddings sampled per account window (28 x 64 dims fits the 2 KB window bound)
 * @param minSamples      embeddings an entity needs before it is compared with the reference
 * @param projectionSeed  seed of the 384 to 64 random projection (shared with the reference)
 * @param bucketBits      hyperplanes of the topic buckets that coverage counts
 * @param bucketSeed      seed of those hyperplanes
 * @param coveragePrecision UltraLogLog precision of the per-account coverage sketch (8 = 256 bytes)
 * @param permutations    permutations of the MMD test
 * @param alpha           significance level: a window differs from benign traffic when p <= alpha
 * @param permutationSeed seed of the permutations (same events give the same scores on replay)
 * @param onsetRatio      a significant MMD^2 starts to score at this multiple of the null threshold: one person's few
 *                        conversations are narrower than broad traffic too (ShareGPT blocks of 40 consecutive human
 *                        turns reach up to about 3.3x), while one template over a task family is far out (about 20x)
 * @param fullScoreRatio  MMD^2 at this multiple of the null threshold scores 1
 * @param cachedEntities  entities whose last MMD result is kept, so re-scoring without new embeddings is free
 */
public record SemanticConfig(
        int maxAccounts,
        int windowSize,
        int minSamples,
        long projectionSeed,
        int bucketBits,
        long bucketSeed,
        int coveragePrecision,
        int permutations,
        double alpha,
        long permutationSeed,
        double onsetRatio,
        double fullScoreRatio,
        int cachedEntities) {

    /** Seed of the default projection; pass it to {@code BenignReferenceLoader.fromPromptsFile}. */
    public static final long PROJECTION_SEED = 0x5e_3a_7c_11L;

    /**
     * 20,000 accounts (about 2.3 KB each at most), 28-sample windows, 16 samples to speak, 200 permutations at
     * alpha 0.01, scores from 4x to 10x the null threshold.
     */
    public static final SemanticConfig DEFAULTS = new SemanticConfig(20_000, 28, 16, PROJECTION_SEED, 10,
            0xb0c4e75L, 8, 200, 0.01, 0x9e3779b9L, 4, 10, 20_000);

    public SemanticConfig {
        if (maxAccounts < 1 || cachedEntities < 1 || windowSize < 2 || minSamples < 2 || minSamples > windowSize) {
            throw new IllegalArgumentException("need maxAccounts, cachedEntities >= 1 and 2 <= minSamples <= windowSize");
        }
        if (bucketBits < 1 || bucketBits > 63 || coveragePrecision < 3 || coveragePrecision > 16) {
            throw new IllegalArgumentException("need 1 <= bucketBits <= 63 and 3 <= coveragePrecision <= 16");
        }
        if (permutations < 20 || !(alpha > 0 && alpha < 0.5) || !(onsetRatio >= 1)
                || !(fullScoreRatio > onsetRatio)) {
            throw new IllegalArgumentException(
                    "need permutations >= 20, 0 < alpha < 0.5, 1 <= onsetRatio < fullScoreRatio");
        }
    }

    public SemanticConfig withMaxAccounts(int max) {
        return new SemanticConfig(max, windowSize, minSamples, projectionSeed, bucketBits, bucketSeed,
                coveragePrecision, permutations, alpha, permutationSeed, onsetRatio, fullScoreRatio, cachedEntities);
    }
}
