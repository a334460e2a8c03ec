package io.distillguard.semantic;

import java.util.SplittableRandom;

/**
 * Locality-sensitive bucketing of projected embeddings by random hyperplanes (sign-random-projection LSH): similar
 * prompts fall in the same bucket, prompts on other topics in other buckets, so the number of distinct buckets an
 * entity hits measures how much of the topic space it covers. Seeded, immutable, thread-safe; shared by all entities.
 */
public final class EmbeddingBuckets {

    private final int dims;
    private final int bits;
    private final byte[] planes;

    /** {@code bits} hyperplanes (at most 63) over {@code dims}-dimensional vectors. */
    public EmbeddingBuckets(int dims, int bits, long seed) {
        if (dims < 1 || bits < 1 || bits > 63) {
            throw new IllegalArgumentException("need dims >= 1 and 1 <= bits <= 63");
        }
        this.dims = dims;
        this.bits = bits;
        this.planes = new byte[dims * bits];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (byte) (random.nextInt(255) - 127);
        }
    }

    /** The bucket (a {@code bits}-bit sign pattern) of a projected int8 vector. */
    public long bucketOf(byte[] projected) {
        if (projected.length != dims) {
            throw new IllegalArgumentException("expected " + dims + " dims, got " + projected.length);
        }
        long bucket = 0;
        for (int b = 0; b < bits; b++) {
            int row = b * dims;
            long dot = 0;
            for (int i = 0; i < dims; i++) {
                dot += planes[row + i] * projected[i];
            }
            bucket = (bucket << 1) | (dot >= 0 ? 1 : 0);
        }
        return bucket;
    }

    /** Number of possible buckets. */
    public long bucketCount() {
        return 1L << bits;
    }
}
