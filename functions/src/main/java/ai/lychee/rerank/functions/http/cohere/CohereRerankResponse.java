package ai.lychee.rerank.functions.http.cohere;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The answer in the shape both Cohere's and Jina's clients read. */
public record CohereRerankResponse(
        @JsonProperty("id") String id,
        @JsonProperty("model") String model,
        @JsonProperty("results") List<Result> results,
        @JsonProperty("meta") Map<String, Object> meta,
        @JsonProperty("usage") Map<String, Object> usage) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(@JsonProperty("index") int index,
                         @JsonProperty("relevance_score") double relevanceScore,
                         @JsonProperty("document") CohereContent document) {
    }
}
