package io.distillguard.semantic;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns prompt text into a sentence embedding, L2-normalised and quantised to int8 ({@code round(value * 127)}), the
 * form {@link io.distillguard.event.PromptFeatures#embedding()} carries. Implementations are thread-safe.
 */
public interface PromptEmbedder {

    /** Dimensions of the vectors this embedder returns. */
    int dimensions();

    /** The int8 embedding of {@code text}. */
    byte[] embed(String text);

    /** Embeddings of {@code texts}, in order; implementations may batch. */
    default List<byte[]> embedAll(List<String> texts) {
        List<byte[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(embed(t));
        }
        return out;
    }
}
