package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A query or a document as callers send it: a bare JSON string (text) or an object with
 * {@code text}, {@code image_url} and/or {@code image_base64}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentInput(
        @JsonProperty("text") String text,
        @JsonProperty("image_url") String imageUrl,
        @JsonProperty("image_base64") String imageBase64) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ContentInput {
    }

    /** A bare string is text. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ContentInput ofText(String text) {
        return new ContentInput(text, null, null);
    }

    public boolean hasText() {
        return text != null && !text.isBlank();
    }

    public boolean hasImage() {
        return (imageUrl != null && !imageUrl.isBlank()) || (imageBase64 != null && !imageBase64.isBlank());
    }
}
