package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One scored document; {@code index} is its position in the request. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RerankResult(
        @JsonProperty("index") int index,
        @JsonProperty("score") double score,
        @JsonProperty("band") String band,
        @JsonProperty("document") ContentInput document,
        @JsonProperty("sub_scores") Map<String, Double> subScores,
        @JsonProperty("flags") List<String> flags,
        @JsonProperty("consistency") String consistency) {
}
