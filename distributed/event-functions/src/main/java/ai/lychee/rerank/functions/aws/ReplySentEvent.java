package ai.lychee.rerank.functions.aws;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An EventBridge event as a rule delivers it to Lambda; here a support desk's "reply sent" event, whose
 * {@code detail} is a {@link ReplyCheck}. The detail is kept as JSON so that it is read as strictly as an HTTP body.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplySentEvent(
        @JsonProperty("version") String version,
        @JsonProperty("id") String id,
        @JsonProperty("detail-type") String detailType,
        @JsonProperty("source") String source,
        @JsonProperty("account") String account,
        @JsonProperty("time") String time,
        @JsonProperty("region") String region,
        @JsonProperty("resources") List<String> resources,
        @JsonProperty("detail") JsonNode detail) {
}
