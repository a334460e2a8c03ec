package io.distillguard.semantic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sample of benign traffic's projected embeddings that windows are compared against, built at run time from
 * embeddings the operator supplies (e.g. trusted accounts' traffic); the product ships no data. Larger inputs are
 * subsampled deterministically (bottom-k by a seeded hash) to at most {@code maxSize} vectors. Immutable.
 */
public final class BenignReference {

    private final List<float[]> vectors;
    private final int dims;

    private BenignReference(List<float[]> vectors, int dims) {
        this.vectors = List.copyOf(vectors);
        this.dims = dims;
    }

    /** A reference from projected int8 embeddings (all of equal dimension), keeping at most {@code maxSize}. */
    public static BenignReference of(List<byte[]> projected, int maxSize, long seed) {
        if (projected.size() < 2 || maxSize < 2) {
            throw new IllegalArgumentException("a reference needs at least 2 vectors");
        }
        int dims = projected.getFirst().length;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < projected.size(); i++) {
            if (projected.get(i).length != dims) {
                throw new IllegalArgumentException("vectors of different dimensions");
            }
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> com.dynatrace.hash4j.hashing.Hashing.xxh3_64(seed).hashIntToLong(i)));
        List<float[]> kept = new ArrayList<>();
        for (int i = 0; i < Math.min(maxSize, order.size()); i++) {
            kept.add(Int8Vectors.toFloat(projected.get(order.get(i))));
        }
        return new BenignReference(kept, dims);
    }

    /** The reference vectors as floats (value / 127). */
    public List<float[]> vectors() {
        return vectors;
    }

    public int dims() {
        return dims;
    }

    public int size() {
        return vectors.size();
    }
}
