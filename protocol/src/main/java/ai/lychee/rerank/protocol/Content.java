package ai.lychee.rerank.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One side of a pair as the worker sees it: text, an image, or both.
 * The image travels as the bytes the caller sent (already fetched by functions), with their digest
 * so the worker can cache what it derives from them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Content(String text, byte[] image, String imageDigest) {

    public static Content text(String text) {
        return new Content(text, null, null);
    }

    public boolean hasText() {
        return text != null && !text.isBlank();
    }

    public boolean hasImage() {
        return image != null && image.length > 0;
    }
}
