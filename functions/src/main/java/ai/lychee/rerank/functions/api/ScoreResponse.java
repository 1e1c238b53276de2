package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonCreator;
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
        @JsonProperty("took_ms") long tookMs,
        @JsonProperty("usage") TokenUsage usage) {

    @JsonCreator
    public ScoreResponse {
    }

    public ScoreResponse(double score, String band, Map<String, Double> subScores, List<String> flags,
                         String consistency, String model, String instruction, long tookMs) {
        this(score, band, subScores, flags, consistency, model, instruction, tookMs, null);
    }
}
