package ai.lychee.rerank.functions.http.cohere;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The Cohere (v1 and v2) / Jina / vLLM rerank request. {@code model} is accepted and ignored (the deployment has
 * one model); {@code max_tokens_per_doc} has the model read only that many tokens of each document; fields we do
 * not use (max_chunks_per_doc, rank_fields, priority, and whatever newer clients add) are ignored so existing
 * clients work unchanged. {@code instruction} is ours: a preset name or free text.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CohereRerankRequest(
        @JsonProperty("model") String model,
        @JsonProperty("query") CohereContent query,
        @JsonProperty("documents") List<CohereContent> documents,
        @JsonProperty("top_n") Integer topN,
        @JsonProperty("return_documents") Boolean returnDocuments,
        @JsonProperty("instruction") String instruction,
        @JsonProperty("max_tokens_per_doc") Integer maxTokensPerDoc) {
}
