package ai.lychee.rerank.functions.dispatch;

/** The worker could not score a job (it failed, or none answered in time); mapped to 5xx. */
public class WorkerFailedException extends RuntimeException {
    private final int status;

    public WorkerFailedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
