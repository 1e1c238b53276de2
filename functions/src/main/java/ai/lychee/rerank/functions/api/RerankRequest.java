package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST /api/rerank}: score every document against the query, answer them sorted.
 * {@code business_line} labels the request's metrics (one of {@code lychee.metrics.business-lines});
 * {@code max_tokens_per_doc} has the model read only that many tokens of each document.
 */
public record RerankRequest(
        @JsonProperty("query") ContentInput query,
        @JsonProperty("documents") List<ContentInput> documents,
        @JsonProperty("instruction") String instruction,
        @JsonProperty("top_n") Integer topN,
        @JsonProperty("return_documents") Boolean returnDocuments,
        @JsonProperty("business_line") String businessLine,
        @JsonProperty("max_tokens_per_doc") Integer maxTokensPerDoc) {

    @JsonCreator
    public RerankRequest {
    }

    public RerankRequest(ContentInput query, List<ContentInput> documents, String instruction, Integer topN,
                         Boolean returnDocuments) {
        this(query, documents, instruction, topN, returnDocuments, null, null);
    }

    /** The same request labelled with this business line unless it names one itself (an HTTP header's value). */
    public RerankRequest withBusinessLineIfAbsent(String fallback) {
        return businessLine != null || fallback == null ? this
                : new RerankRequest(query, documents, instruction, topN, returnDocuments, fallback, maxTokensPerDoc);
    }
}
