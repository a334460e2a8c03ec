package io.distillguard.detect.profile;

import io.distillguard.detect.sketch.DecayedCounter;
import io.distillguard.detect.sketch.Sketch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recent tokens per model for the few models a key uses most (at most {@value #MAX_MODELS}; the smallest is replaced
 * when a new one arrives), decayed with a 6-hour half-life: shows a key moving its traffic to another model.
 */
public final class ModelMix implements Sketch<ModelMix> {
    static final int MAX_MODELS = 4;
    static final long HALF_LIFE_MS = 6 * 3_600_000L;

    private final String[] models = new String[MAX_MODELS];
    private final DecayedCounter[] tokens = new DecayedCounter[MAX_MODELS];
    private int size;

    public void update(String model, double amount, long atMs) {
        if (model == null) {
            return;
        }
        int smallest = 0;
        for (int i = 0; i < size; i++) {
            if (models[i].equals(model)) {
                tokens[i].update(amount, atMs);
                return;
            }
            if (tokens[i].estimate(atMs) < tokens[smallest].estimate(atMs)) {
                smallest = i;
            }
        }
        int slot = size < MAX_MODELS ? size++ : smallest;
        models[slot] = model;
        tokens[slot] = new DecayedCounter(HALF_LIFE_MS);
        tokens[slot].update(amount, atMs);
    }

    /** Number of models tracked (indexes for {@link #model} and {@link #recentTokens(int, long)}). */
    public int size() {
        return size;
    }

    /** The model at {@code index}, in the order {@link #recentTokens(long)} lists them. */
    public String model(int index) {
        return models[index];
    }

    /** Decayed tokens of the model at {@code index} as of {@code atMs}, without building a map. */
    public double recentTokens(int index, long atMs) {
        return tokens[index].estimate(atMs);
    }

    /** Decayed tokens per model as of {@code atMs}. */
    public Map<String, Double> recentTokens(long atMs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            out.put(models[i], tokens[i].estimate(atMs));
        }
        return out;
    }

    /** An independent copy (models in the same slots, counters copied). */
    public ModelMix copy() {
        ModelMix copy = new ModelMix();
        for (int i = 0; i < size; i++) {
            copy.models[i] = models[i];
            copy.tokens[i] = tokens[i].copy();
        }
        copy.size = size;
        return copy;
    }

    @Override
    public void merge(ModelMix other) {
        long at = 0;
        for (int i = 0; i < size; i++) {
            at = Math.max(at, tokens[i].lastUpdateMs());
        }
        for (int i = 0; i < other.size; i++) {
            at = Math.max(at, other.tokens[i].lastUpdateMs());
        }
        for (int i = 0; i < other.size; i++) {
            int index = indexOf(other.models[i]);
            if (index >= 0) {
                tokens[index].merge(other.tokens[i]);
            } else if (size < MAX_MODELS) {
                models[size] = other.models[i];
                tokens[size] = new DecayedCounter(HALF_LIFE_MS);
                tokens[size++].merge(other.tokens[i]);
            } else {
                int smallest = 0;
                for (int j = 0; j < size; j++) {
                    if (tokens[j].estimate(at) < tokens[smallest].estimate(at)) {
                        smallest = j;
                    }
                }
                if (tokens[smallest].estimate(at) < other.tokens[i].estimate(at)) {
                    models[smallest] = other.models[i];
                    tokens[smallest] = new DecayedCounter(HALF_LIFE_MS);
                    tokens[smallest].merge(other.tokens[i]);
                }
            }
        }
    }

    private int indexOf(String model) {
        for (int i = 0; i < size; i++) {
            if (models[i].equals(model)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(size);
        for (int i = 0; i < size; i++) {
            out.writeUTF(models[i]);
            tokens[i].writeTo(out);
        }
    }

    public static ModelMix readFrom(DataInput in) throws IOException {
        ModelMix mix = new ModelMix();
        mix.size = in.readByte();
        for (int i = 0; i < mix.size; i++) {
            mix.models[i] = in.readUTF();
            mix.tokens[i] = DecayedCounter.readFrom(in, HALF_LIFE_MS);
        }
        return mix;
    }
}
