package ai.lychee.rerank.functions.http.cohere;

import ai.lychee.rerank.functions.api.ContentInput;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A query or document as Cohere and Jina clients send it: a string, {@code {"text": ...}}, or Jina's
 * {@code {"image": url-or-base64}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CohereContent(@JsonProperty("text") String text, @JsonProperty("image") String image) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public CohereContent {
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CohereContent ofText(String text) {
        return new CohereContent(text, null);
    }

    ContentInput toInput() {
        if (image == null) {
            return new ContentInput(text, null, null);
        }
        boolean url = image.startsWith("http://") || image.startsWith("https://");
        return new ContentInput(text, url ? image : null, url ? null : image);
    }
}
