package ai.lychee.rerank.functions.http.cohere;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A query or document as the compatible APIs' clients send it: a string (Cohere, Jina, vLLM), Jina's
 * {@code {"text": ..., "image": url-or-base64}} (either or both), or vLLM's content parts
 * {@code {"content": [{"type": "text", ...}, {"type": "image_url", ...}]}} (one document, its texts joined by line
 * breaks, at most one image). Each maps onto our {@link ContentInput}, so the same limits and URL rules apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CohereContent(@JsonProperty("text") String text,
                            @JsonProperty("image") String image,
                            @JsonProperty("content") List<ContentPart> content,
                            @JsonIgnore boolean plain) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public CohereContent(@JsonProperty("text") String text, @JsonProperty("image") String image,
                         @JsonProperty("content") List<ContentPart> content) {
        this(text, image, content, false);
    }

    public CohereContent(String text, String image) {
        this(text, image, null, false);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CohereContent ofText(String text) {
        return new CohereContent(text, null, null, true);
    }

    /** The string a plain-text entry was sent as, for echoing it back the way it came. */
    @JsonIgnore
    public boolean isPlain() {
        return plain;
    }

    /**
     * Our content model for this entry; {@code field} is the entry's JSON path ("documents[2]"), named in errors.
     *
     * @throws InvalidRequestException for content parts we cannot map (unknown type, two images, no url)
     */
    ContentInput toInput(String field) {
        if (content == null) {
            if (image == null) {
                return new ContentInput(text, null, null);
            }
            return isHttpUrl(image) ? new ContentInput(text, image, null) : new ContentInput(text, null, image);
        }
        if (text != null || image != null) {
            throw InvalidRequestException.badRequest(field, field + " has both content parts and text/image: give one form");
        }
        if (content.isEmpty()) {
            throw InvalidRequestException.badRequest(field + ".content", field + ".content is empty: give text or image_url parts");
        }
        List<String> texts = new ArrayList<>();
        String imageUrl = null;
        for (int k = 0; k < content.size(); k++) {
            String at = field + ".content[" + k + "]";
            ContentPart part = content.get(k);
            if (part == null || part.type() == null) {
                throw InvalidRequestException.badRequest(at + ".type", at + ".type is missing: \"text\" or \"image_url\"");
            }
            switch (part.type()) {
                case ContentPart.TEXT -> {
                    if (part.text() == null) {
                        throw InvalidRequestException.badRequest(at + ".text", at + " is a text part without text");
                    }
                    texts.add(part.text());
                }
                case ContentPart.IMAGE_URL -> {
                    if (part.imageUrl() == null || part.imageUrl().url() == null || part.imageUrl().url().isBlank()) {
                        throw InvalidRequestException.badRequest(at + ".image_url.url",
                                at + ".image_url.url is missing: give an http(s) URL or a data:image/...;base64 URL");
                    }
                    if (imageUrl != null) {
                        throw InvalidRequestException.badRequest(at, at + " is a second image: a query or document holds one"
                                + " image (send several documents as a list)");
                    }
                    imageUrl = part.imageUrl().url();
                }
                default -> throw InvalidRequestException.badRequest(at + ".type", at + ".type '" + part.type()
                        + "' is not supported: give \"text\" or \"image_url\" parts");
            }
        }
        String joined = texts.isEmpty() ? null : String.join("\n", texts);
        if (imageUrl == null) {
            return new ContentInput(joined, null, null);
        }
        return imageUrl.startsWith("data:") ? new ContentInput(joined, null, imageUrl) : new ContentInput(joined, imageUrl, null);
    }

    /**
     * Where in this entry's JSON the client put what our validation names with {@code suffix} (".text",
     * ".image_url", ".image_base64", or "" for the entry itself), so the problem points at the client's field.
     */
    String clientSuffix(String suffix) {
        boolean textField = suffix.equals(".text");
        boolean imageField = suffix.equals(".image_url") || suffix.equals(".image_base64");
        if (plain) {
            return textField ? "" : suffix;
        }
        if (content == null) {
            return imageField ? ".image" : suffix;
        }
        for (int k = 0; k < content.size(); k++) {
            ContentPart part = content.get(k);
            if (textField && ContentPart.TEXT.equals(part.type())) {
                return texts() > 1 ? ".content" : ".content[" + k + "].text";
            }
            if (imageField && ContentPart.IMAGE_URL.equals(part.type())) {
                return ".content[" + k + "].image_url.url";
            }
        }
        return suffix;
    }

    private long texts() {
        return content.stream().filter(p -> ContentPart.TEXT.equals(p.type())).count();
    }

    private static boolean isHttpUrl(String value) {
        return value.startsWith("http://") || value.startsWith("https://");
    }
}
