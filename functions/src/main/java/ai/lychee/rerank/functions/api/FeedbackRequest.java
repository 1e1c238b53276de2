package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST /api/feedback}: results that converted, given as the scores the service returned for them, with the
 * instruction and business line of the request they came from (so the conversion lands beside its results).
 */
public record FeedbackRequest(
        @JsonProperty("converted") List<Double> converted,
        @JsonProperty("instruction") String instruction,
        @JsonProperty("business_line") String businessLine) {

    public FeedbackRequest withBusinessLineIfAbsent(String fallback) {
        return businessLine != null || fallback == null ? this : new FeedbackRequest(converted, instruction, fallback);
    }
}
