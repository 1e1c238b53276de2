package ai.lychee.rerank.functions.validation;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.cache.ContentDigest;
import ai.lychee.rerank.functions.image.ImageInputs;
import ai.lychee.rerank.protocol.Content;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns what a caller sent for a query or a document into the {@link Content} the worker scores,
 * checking it on the way: text length here, images (fetched safely, decoded from base64, type-checked
 * by their bytes) through {@link ImageInputs}. {@code field} is the JSON path used in error messages.
 * One bad image rejects the whole request with a 4xx naming it, so nothing is silently dropped.
 */
@ApplicationScoped
public class ContentResolver {

    private final FunctionsConfig config;
    private final ImageInputs images;

    public ContentResolver(FunctionsConfig config, ImageInputs images) {
        this.config = config;
        this.images = images;
    }

    public Content resolve(ContentInput input, String field) {
        if (input == null) {
            throw InvalidRequestException.badRequest(field,
                    field + " is missing: give a string or an object with text, image_url or image_base64");
        }
        if (!input.hasText() && !input.hasImage()) {
            throw InvalidRequestException.badRequest(field, field + " is empty: give text, image_url or image_base64");
        }
        if (input.text() != null && input.text().length() > config.maxTextChars()) {
            throw new InvalidRequestException(413, field + ".text", field + ".text has " + input.text().length()
                    + " characters; the limit is " + config.maxTextChars() + " (lychee.functions.max-text-chars)");
        }
        String text = input.hasText() ? input.text() : null;
        if (!input.hasImage()) {
            return Content.text(text);
        }
        byte[] image = images.read(input.imageUrl(), input.imageBase64(), field).bytes();
        return new Content(text, image, ContentDigest.ofBytes(image));
    }
}
