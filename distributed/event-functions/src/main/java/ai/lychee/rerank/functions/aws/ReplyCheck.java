package ai.lychee.rerank.functions.aws;

import ai.lychee.rerank.functions.api.ContentInput;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The detail of a "reply sent" event: the customer's question and the agent's reply, each text and/or an image
 * (a screenshot), as a query or document of {@code POST /api/score}. Other fields of the desk's event (ticket,
 * agent, ...) are left alone: the event belongs to the desk, not to us.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplyCheck(
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("question") ContentInput question,
        @JsonProperty("reply") ContentInput reply,
        @JsonProperty("instruction") String instruction) {
}
