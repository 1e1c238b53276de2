package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record RerankResponse(
        @JsonProperty("results") List<RerankResult> results,
        @JsonProperty("model") String model,
        @JsonProperty("instruction") String instruction,
        @JsonProperty("took_ms") long tookMs,
        @JsonProperty("usage") @JsonInclude(JsonInclude.Include.NON_NULL) TokenUsage usage) {

    @JsonCreator
    public RerankResponse {
    }

    public RerankResponse(List<RerankResult> results, String model, String instruction, long tookMs) {
        this(results, model, instruction, tookMs, null);
    }
}
