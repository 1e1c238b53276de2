package ai.lychee.rerank.worker;

/**
 * Raised by a Scorer when the input itself is unusable (an image that does not decode, say):
 * the caller gets a 4xx naming the pair, not a 500. {@code status} is the HTTP status to answer
 * (422 unprocessable by default; 413 for an image too large to decode, for example).
 */
public class InvalidPairException extends RuntimeException {
    private final int pairIndex;
    private final boolean queryAtFault;
    private final int status;

    public InvalidPairException(int pairIndex, boolean queryAtFault, String message) {
        this(pairIndex, queryAtFault, message, 422);
    }

    public InvalidPairException(int pairIndex, boolean queryAtFault, String message, int status) {
        super(message);
        this.pairIndex = pairIndex;
        this.queryAtFault = queryAtFault;
        this.status = status;
    }

    public int pairIndex() {
        return pairIndex;
    }

    public boolean queryAtFault() {
        return queryAtFault;
    }

    public int status() {
        return status;
    }
}
