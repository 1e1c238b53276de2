package ai.lychee.rerank.worker;

/**
 * Raised by a Scorer when the input itself is unusable (an image that does not decode, say):
 * the caller gets a 4xx naming the pair, not a 500.
 */
public class InvalidPairException extends RuntimeException {
    private final int pairIndex;
    private final boolean queryAtFault;

    public InvalidPairException(int pairIndex, boolean queryAtFault, String message) {
        super(message);
        this.pairIndex = pairIndex;
        this.queryAtFault = queryAtFault;
    }

    public int pairIndex() {
        return pairIndex;
    }

    public boolean queryAtFault() {
        return queryAtFault;
    }
}
