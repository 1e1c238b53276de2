package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /api/rerank}: score every document against the query, answer them sorted. */
public record RerankRequest(
        @JsonProperty("query") ContentInput query,
        @JsonProperty("documents") List<ContentInput> documents,
        @JsonProperty("instruction") String instruction,
        @JsonProperty("top_n") Integer topN,
        @JsonProperty("return_documents") Boolean returnDocuments) {
}
