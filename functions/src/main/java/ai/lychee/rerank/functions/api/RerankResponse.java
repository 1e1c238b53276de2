package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record RerankResponse(
        @JsonProperty("results") List<RerankResult> results,
        @JsonProperty("model") String model,
        @JsonProperty("instruction") String instruction,
        @JsonProperty("took_ms") long tookMs) {
}
