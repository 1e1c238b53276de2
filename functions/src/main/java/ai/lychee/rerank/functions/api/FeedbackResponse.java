package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How many conversions were counted, and under which labels. */
public record FeedbackResponse(
        @JsonProperty("recorded") int recorded,
        @JsonProperty("preset") String preset,
        @JsonProperty("business_line") String businessLine) {
}
