package ai.lychee.rerank.functions.validation;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.protocol.Content;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns what a caller sent for a query or a document into the {@link Content} the worker scores,
 * checking it on the way. {@code field} is the JSON path used in error messages.
 */
@ApplicationScoped
public class ContentResolver {

    private final FunctionsConfig config;

    public ContentResolver(FunctionsConfig config) {
        this.config = config;
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
        if (input.hasImage()) {
            String imageField = input.imageUrl() != null ? field + ".image_url" : field + ".image_base64";
            throw new InvalidRequestException(422, imageField,
                    "images are not supported by this version yet; send text only");
        }
        return Content.text(input.text());
    }
}
