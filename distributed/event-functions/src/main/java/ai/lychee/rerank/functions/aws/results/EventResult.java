package ai.lychee.rerank.functions.aws.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one event-driven request came to: the HTTP answer's body ({@code result}, outcome {@value #SCORED}) or
 * the RFC 7807 problem the HTTP API would have answered ({@code problem}, outcome {@value #REJECTED}), under
 * the request's correlation id. As JSON this is the {@code detail} of a result event on EventBridge; on SQS
 * and SNS the message body is the result or problem alone and the rest travels as message attributes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventResult(
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("function") String function,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("source_event_id") String sourceEventId,
        @JsonProperty("result") JsonNode result,
        @JsonProperty("problem") JsonNode problem) {

    public static final String SCORED = "scored";
    public static final String REJECTED = "rejected";

    public static EventResult scored(String correlationId, String function, String sourceEventId, JsonNode result) {
        return new EventResult(correlationId, function, SCORED, sourceEventId, result, null);
    }

    public static EventResult rejected(String correlationId, String function, String sourceEventId, JsonNode problem) {
        return new EventResult(correlationId, function, REJECTED, sourceEventId, null, problem);
    }

    /** The body a queue or topic message carries: the same bytes the HTTP API would answer. */
    @JsonIgnore
    public JsonNode body() {
        return result != null ? result : problem;
    }

    @JsonIgnore
    public String contentType() {
        return result != null ? "application/json" : "application/problem+json";
    }

    /** The result event's {@code detail-type} on EventBridge: "Rerank Result", "Score Result", "Reply Check Result". */
    @JsonIgnore
    public String detailType() {
        if (function == null) {
            return "Request Result";
        }
        StringBuilder words = new StringBuilder();
        for (String word : function.split("-")) {
            words.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1)).append(' ');
        }
        return words.append("Result").toString();
    }
}
