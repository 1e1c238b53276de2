package ai.lychee.rerank.functions.http.cohere;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.api.TokenUsage;
import ai.lychee.rerank.functions.http.TranslatedRerank;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the Cohere v1 and v2 routes share: their request translated to ours, and the {@code meta} they answer. */
@ApplicationScoped
public class CohereRerank {

    private final TranslatedRerank translated;

    public CohereRerank(TranslatedRerank translated) {
        this.translated = translated;
    }

    public Uni<RerankResponse> rerank(CohereRerankRequest request, String businessLineHeader) {
        return translated.rerank(toOurs(request, businessLineHeader), CompatFields.of(request.query(), request.documents()));
    }

    /**
     * The request in our terms; content parts that cannot be mapped are refused here, naming the client's field.
     *
     * @throws InvalidRequestException for a missing body or unmappable content
     */
    public static RerankRequest toOurs(CohereRerankRequest request, String businessLine) {
        if (request == null) {
            throw InvalidRequestException.badRequest("body", "the request body is missing: send a JSON object");
        }
        List<CohereContent> documents = request.documents();
        List<ContentInput> inputs = null;
        if (documents != null) {
            inputs = new ArrayList<>(documents.size());
            for (int i = 0; i < documents.size(); i++) {
                CohereContent d = documents.get(i);
                inputs.add(d == null ? null : d.toInput("documents[" + i + "]"));
            }
        }
        ContentInput query = request.query() == null ? null : request.query().toInput("query");
        return new RerankRequest(query, inputs, request.instruction(), request.topN(), false, businessLine,
                request.maxTokensPerDoc());
    }

    /**
     * Cohere's {@code meta}: the API version, one search unit per started hundred documents (Cohere's own unit), and
     * the tokens the model read in {@code tokens.input_tokens} (absent when a worker did not report them).
     */
    static Map<String, Object> meta(String version, int documents, TokenUsage usage) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("api_version", Map.of("version", version));
        meta.put("billed_units", Map.of("search_units", Math.max(1, (documents + 99) / 100)));
        if (usage != null && usage.promptTokens() != null) {
            meta.put("tokens", Map.of("input_tokens", usage.promptTokens(), "output_tokens", 0));
        }
        if (usage != null && usage.cachedTokens() != null) {
            meta.put("cached_tokens", usage.cachedTokens());
        }
        return meta;
    }
}
