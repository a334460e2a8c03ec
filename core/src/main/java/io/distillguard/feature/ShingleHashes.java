package io.distillguard.feature;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import java.util.List;

/**
 * 64-bit hashes of the w-word shingles of a token sequence, and the SimHash over them. Near-duplicate prompts share
 * most shingles, so their SimHashes differ in few bits.
 */
public final class ShingleHashes {

    private static final Hasher64 HASHER = Hashing.xxh3_64();
    private static final SimilarityHashPolicy SIM_HASH = SimilarityHashing.simHash(64);

    private ShingleHashes() {
    }

    /** Hashes of all shingles of {@code width} consecutive tokens (one shingle of all tokens when fewer). */
    public static long[] of(List<String> tokens, int width) {
        if (tokens.isEmpty()) {
            return new long[0];
        }
        long[] tokenHashes = new long[tokens.size()];
        for (int i = 0; i < tokenHashes.length; i++) {
            tokenHashes[i] = HASHER.hashCharsToLong(tokens.get(i));
        }
        int w = Math.min(width, tokenHashes.length);
        long[] out = new long[tokenHashes.length - w + 1];
        for (int i = 0; i < out.length; i++) {
            long h = tokenHashes[i];
            for (int j = 1; j < w; j++) {
                h = HASHER.hashLongLongToLong(h, tokenHashes[i + j]);
            }
            out[i] = h;
        }
        return out;
    }

    /** The 64-bit SimHash of a set of element hashes, 0 for none. */
    public static long simHash(long[] elementHashes) {
        if (elementHashes.length == 0) {
            return 0L;
        }
        byte[] sig = SIM_HASH.createHasher().compute(ElementHashProvider.ofValues(elementHashes));
        return toLong(sig);
    }

    private static long toLong(byte[] sig) {
        long v = 0;
        for (int i = sig.length - 1; i >= 0; i--) {
            v = (v << 8) | (sig[i] & 0xFFL);
        }
        return v;
    }
}
