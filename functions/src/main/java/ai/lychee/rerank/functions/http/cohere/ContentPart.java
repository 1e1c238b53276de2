package ai.lychee.rerank.functions.http.cohere;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One part of a vLLM / OpenAI-style multimodal query or document: {@code {"type": "text", "text": ...}} or
 * {@code {"type": "image_url", "image_url": {"url": "https://..." | "data:image/...;base64,..."}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContentPart(@JsonProperty("type") String type,
                          @JsonProperty("text") String text,
                          @JsonProperty("image_url") ImageUrl imageUrl) {

    public static final String TEXT = "text";
    public static final String IMAGE_URL = "image_url";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImageUrl(@JsonProperty("url") String url, @JsonProperty("detail") String detail) {
    }
}
