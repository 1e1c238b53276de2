package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScoreResponse(
        @JsonProperty("score") double score,
        @JsonProperty("band") String band,
        @JsonProperty("sub_scores") Map<String, Double> subScores,
        @JsonProperty("flags") List<String> flags,
        @JsonProperty("consistency") String consistency,
        @JsonProperty("model") String model,
        @JsonProperty("instruction") String instruction,
        @JsonProperty("took_ms") long tookMs) {
}
