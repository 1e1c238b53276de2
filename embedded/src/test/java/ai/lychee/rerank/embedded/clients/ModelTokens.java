package ai.lychee.rerank.embedded.clients;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.lychee.rerank.worker.lite.BgeModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * What the lite model reads of a request, counted here with the models' tokenizer files opened on their own: the
 * query once (bge-small-en reads it behind its retrieval prefix) and every document, [CLS] and [SEP] included.
 */
final class ModelTokens {

    private ModelTokens() {
    }

    static int englishRequest(String query, List<String> documents) {
        return count(BgeModel.EN, BgeModel.EN.queryInstruction() + query) + documents.stream().mapToInt(d -> count(BgeModel.EN, d)).sum();
    }

    static int chineseRequest(String query, List<String> documents) {
        return count(BgeModel.ZH, query) + documents.stream().mapToInt(d -> count(BgeModel.ZH, d)).sum();
    }

    static int count(BgeModel model, String text) {
        try (InputStream in = ModelTokens.class.getClassLoader().getResourceAsStream(model.tokenizerResource());
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in,
                     Map.of("maxLength", "512", "truncation", "true"))) {
            return tokenizer.encode(text).getIds().length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
