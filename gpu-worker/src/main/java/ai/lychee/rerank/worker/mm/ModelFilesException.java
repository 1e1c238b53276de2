package ai.lychee.rerank.worker.mm;

/** The model directory is missing a file or holds files that do not fit its config.json; start-up stops with this. */
public class ModelFilesException extends IllegalStateException {
    public ModelFilesException(String message) {
        super(message);
    }

    public ModelFilesException(String message, Throwable cause) {
        super(message, cause);
    }
}
