package ai.lychee.rerank.worker;

import ai.lychee.rerank.protocol.DocumentScore;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Collects one job's scores as the batches that hold its pairs finish; completes when all are in. */
final class JobResult {

    private final DocumentScore[] scores;
    private final CompletableFuture<List<DocumentScore>> future = new CompletableFuture<>();
    private int remaining;

    JobResult(int size) {
        this.scores = new DocumentScore[size];
        this.remaining = size;
    }

    synchronized void set(int position, DocumentScore score) {
        if (future.isDone() || scores[position] != null) {
            return;
        }
        scores[position] = score;
        if (--remaining == 0) {
            future.complete(Arrays.asList(scores));
        }
    }

    void fail(Throwable failure) {
        future.completeExceptionally(failure);
    }

    boolean isDone() {
        return future.isDone();
    }

    CompletableFuture<List<DocumentScore>> future() {
        return future;
    }
}
