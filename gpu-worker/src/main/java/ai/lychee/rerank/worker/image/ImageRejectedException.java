package ai.lychee.rerank.worker.image;

/**
 * The bytes are not an image we accept (corrupt, truncated, unknown type, too many pixels).
 * {@code status} is the HTTP status the edge should answer: 415 unsupported type, 413 too large, 422 undecodable.
 */
public class ImageRejectedException extends RuntimeException {
    private final int status;

    public ImageRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ImageRejectedException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
