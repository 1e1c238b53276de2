package ai.lychee.rerank.functions.image;

import ai.lychee.rerank.functions.validation.InvalidRequestException;

/**
 * An image input the service will not use: a forbidden URL (400), a download or decode problem (422), too many
 * bytes (413), a type that is not an accepted image (415). Names the field, for example
 * {@code documents[3].image_url}; being an {@link InvalidRequestException}, it becomes an RFC 7807 answer.
 */
public class ImageInputException extends InvalidRequestException {

    public ImageInputException(int status, String field, String detail) {
        super(status, field, detail);
    }
}
