package ai.lychee.rerank.functions.http.tei;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Text Embeddings Inference's {@code POST /rerank} request. {@code raw_scores} answers the logit of our calibrated
 * score instead of the score; {@code truncate} is accepted but every text is read up to the model's window either
 * way (as {@code truncate: true}); {@code truncation_direction} may only be right: the model reads a text's head.
 * {@code instruction} is ours. Unknown fields are ignored, as TEI does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TeiRerankRequest(
        @JsonProperty("query") String query,
        @JsonProperty("texts") List<String> texts,
        @JsonProperty("raw_scores") Boolean rawScores,
        @JsonProperty("return_text") Boolean returnText,
        @JsonProperty("truncate") Boolean truncate,
        @JsonProperty("truncation_direction") String truncationDirection,
        @JsonProperty("instruction") String instruction) {
}
