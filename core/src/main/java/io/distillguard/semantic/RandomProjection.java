package io.distillguard.semantic;

import java.util.SplittableRandom;

/**
 * Seeded Johnson-Lindenstrauss projection of embeddings to fewer dimensions (e.g. 384 to 64) with a dense random
 * sign matrix, re-normalised and quantised to int8, so per-entity windows stay small while distances are roughly kept.
 * The same seed gives the same projection on every node. Immutable and thread-safe.
 */
public final class RandomProjection {

    private final int inputDims;
    private final int outputDims;
    private final byte[] signs;

    public RandomProjection(long seed, int inputDims, int outputDims) {
        if (inputDims < 1 || outputDims < 1 || outputDims > inputDims) {
            throw new IllegalArgumentException("need 1 <= outputDims <= inputDims");
        }
        this.inputDims = inputDims;
        this.outputDims = outputDims;
        this.signs = new byte[inputDims * outputDims];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < signs.length; i++) {
            signs[i] = (byte) (random.nextBoolean() ? 1 : -1);
        }
    }

    /** The 384 to 64 projection used by default. */
    public static RandomProjection defaults(long seed) {
        return new RandomProjection(seed, MiniLmEmbedder.DIMENSIONS, 64);
    }

    public int outputDims() {
        return outputDims;
    }

    /** Projects an int8 embedding of {@link #inputDims} dimensions to an L2-normalised int8 vector. */
    public byte[] project(byte[] embedding) {
        if (embedding.length != inputDims) {
            throw new IllegalArgumentException("expected " + inputDims + " dims, got " + embedding.length);
        }
        float[] out = new float[outputDims];
        for (int o = 0; o < outputDims; o++) {
            int row = o * inputDims;
            int sum = 0;
            for (int i = 0; i < inputDims; i++) {
                sum += signs[row + i] * embedding[i];
            }
            out[o] = sum;
        }
        return Int8Vectors.quantize(out);
    }

    public int inputDims() {
        return inputDims;
    }
}
