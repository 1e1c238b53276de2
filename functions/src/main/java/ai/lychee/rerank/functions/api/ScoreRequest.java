package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /api/score}: one query, one document. */
public record ScoreRequest(
        @JsonProperty("query") ContentInput query,
        @JsonProperty("document") ContentInput document,
        @JsonProperty("instruction") String instruction) {
}
