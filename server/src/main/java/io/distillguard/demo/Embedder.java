package io.distillguard.demo;

import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Deterministic stand-in embeddings: a unit vector of Gaussian components drawn from a hash of (seed, input), so equal
 * inputs get equal vectors and different inputs nearly orthogonal ones. Encodes them as floats or as OpenAI's base64
 * (little-endian float32).
 */
final class Embedder {

    static final int DEFAULT_DIMENSIONS = 1536;
    static final int MAX_DIMENSIONS = 3072;

    private Embedder() {
    }

    static float[] embed(long seed, String input, int dimensions) {
        SplittableRandom random = new SplittableRandom(
                Hashing.xxh3_64().hashStream().putLong(seed).putString(input).getAsLong());
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            double g = random.nextGaussian();
            v[i] = (float) g;
            norm += g * g;
        }
        float scale = (float) (1.0 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            v[i] *= scale;
        }
        return v;
    }

    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            bytes.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
