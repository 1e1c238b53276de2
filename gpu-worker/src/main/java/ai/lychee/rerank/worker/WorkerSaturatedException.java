package ai.lychee.rerank.worker;

/** The batch queue is full: the caller is told to come back (503) instead of waiting without bound. */
public class WorkerSaturatedException extends RuntimeException {
    public WorkerSaturatedException(int queued) {
        super("the worker is saturated (" + queued + " pairs queued); retry later");
    }
}
