package io.distillguard.semantic;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PromptEmbedder} on all-MiniLM-L6-v2 (quantised ONNX, 384 dimensions) running in process through langchain4j:
 * no network, no model download. Texts beyond the model's 256-token window are split and averaged by langchain4j.
 * Construct once (loading takes about a second) and share; embedding runs on the calling thread.
 */
public final class MiniLmEmbedder implements PromptEmbedder {

    /** Dimensions of all-MiniLM-L6-v2 vectors. */
    public static final int DIMENSIONS = 384;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public byte[] embed(String text) {
        return Int8Vectors.quantize(model.embed(text.isBlank() ? " " : text).content().vector());
    }

    @Override
    public List<byte[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t.isBlank() ? " " : t)).toList();
        List<byte[]> out = new ArrayList<>(texts.size());
        for (Embedding e : model.embedAll(segments).content()) {
            out.add(Int8Vectors.quantize(e.vector()));
        }
        return out;
    }
}
