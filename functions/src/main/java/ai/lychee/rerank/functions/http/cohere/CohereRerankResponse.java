package ai.lychee.rerank.functions.http.cohere;

import ai.lychee.rerank.functions.api.TokenUsage;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The answer in the shape Cohere's (v1), Jina's and vLLM's clients read. */
public record CohereRerankResponse(
        @JsonProperty("id") String id,
        @JsonProperty("model") String model,
        @JsonProperty("results") List<Result> results,
        @JsonProperty("meta") Map<String, Object> meta,
        @JsonProperty("usage") TokenUsage usage) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(@JsonProperty("index") int index,
                         @JsonProperty("relevance_score") double relevanceScore,
                         @JsonProperty("document") CohereContent document) {
    }
}
