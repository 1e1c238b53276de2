package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /api/score}: one query, one document; {@code business_line} labels its metrics. */
public record ScoreRequest(
        @JsonProperty("query") ContentInput query,
        @JsonProperty("document") ContentInput document,
        @JsonProperty("instruction") String instruction,
        @JsonProperty("business_line") String businessLine) {

    @JsonCreator
    public ScoreRequest {
    }

    public ScoreRequest(ContentInput query, ContentInput document, String instruction) {
        this(query, document, instruction, null);
    }

    public ScoreRequest withBusinessLineIfAbsent(String fallback) {
        return businessLine != null || fallback == null ? this : new ScoreRequest(query, document, instruction, fallback);
    }
}
