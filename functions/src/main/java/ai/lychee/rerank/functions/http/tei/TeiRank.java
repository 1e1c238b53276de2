package ai.lychee.rerank.functions.http.tei;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of TEI's rerank answer: the text's index in the request, its score, and the text when asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TeiRank(@JsonProperty("index") int index,
                      @JsonProperty("score") double score,
                      @JsonProperty("text") String text) {
}
