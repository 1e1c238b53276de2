package ai.lychee.rerank.benchmarks;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;

/**
 * The baseline: langchain4j's in-process bge-small-en-v1.5 (quantized), used the way its documentation shows:
 * default construction, {@code embedAll}. Same ONNX file and tokenizer as our lite path's English model.
 */
final class PlainLibrary {

    private final BgeSmallEnV15QuantizedEmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();

    float[][] embedAll(List<String> texts) {
        List<Embedding> embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        float[][] out = new float[embeddings.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = embeddings.get(i).vector();
        }
        return out;
    }
}
