package ai.lychee.rerank.embedded.clients;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.lychee.rerank.worker.lite.BgeModel;
import ai.lychee.rerank.worker.lite.LiteCalibration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * What the lite model reads of a request, counted here with the models' tokenizer files opened on their own: the
 * query once, as the model embeds it (behind bge's retrieval prefix where the shipped calibration says so), and every
 * document, [CLS] and [SEP] included.
 */
final class ModelTokens {

    private static final LiteCalibration CALIBRATION = LiteCalibration.load();

    private ModelTokens() {
    }

    static int englishRequest(String query, List<String> documents) {
        return request(BgeModel.EN, query, documents);
    }

    static int chineseRequest(String query, List<String> documents) {
        return request(BgeModel.ZH, query, documents);
    }

    private static int request(BgeModel model, String query, List<String> documents) {
        String embedded = CALIBRATION.queryPrefix(model) ? model.queryInstruction() + query : query;
        return count(model, embedded) + documents.stream().mapToInt(d -> count(model, d)).sum();
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
