package ai.lychee.rerank.functions.dispatch;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.protocol.Channels;
import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.ScoreJob;
import ai.lychee.rerank.protocol.ScoreReply;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends score jobs to the worker and matches its replies to the waiting callers by job id.
 * The channels are in-memory in the embedded mode and RabbitMQ when distributed; this class does not know which.
 * A job carries its caller's deadline: the transport keeps trying to send it until then, so a broker restart
 * costs no request; past it the caller gets 504. The first reply to a job answers it; later copies (a job
 * scored twice after a redelivery) and a copy's failure reach nobody.
 */
@ApplicationScoped
public class ScoreDispatcher {

    private final Map<String, CompletableFuture<ScoreReply>> pending = new ConcurrentHashMap<>();

    @Inject
    @Channel(Channels.SCORE_JOBS)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<ScoreJob> jobs;

    @Inject
    FunctionsConfig config;

    public Uni<ScoreReply> dispatch(String instruction, Content query, List<Content> documents) {
        return dispatch(instruction, query, documents, null);
    }

    /** @param maxDocumentTokens the worker reads at most this many tokens of each document (null: the model's window) */
    public Uni<ScoreReply> dispatch(String instruction, Content query, List<Content> documents, Integer maxDocumentTokens) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<ScoreReply> reply = new CompletableFuture<>();
        pending.put(id, reply);
        long timeoutMs = config.workerTimeout().toMillis();
        ScoreJob job = new ScoreJob(id, config.instanceId(), instruction, query, documents, maxDocumentTokens, true,
                System.currentTimeMillis() + timeoutMs);
        jobs.send(job).whenComplete((ignored, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(new WorkerFailedException(503,
                        "the score job could not be sent to a worker: " + failure.getMessage()));
            }
        });
        return Uni.createFrom().completionStage(reply)
                .ifNoItem().after(config.workerTimeout())
                .failWith(() -> new WorkerFailedException(504, "no worker answered within " + timeoutMs + " ms"))
                .onTermination().invoke(() -> pending.remove(id));
    }

    @Incoming(Channels.SCORE_REPLIES)
    public void onReply(ScoreReply reply) {
        CompletableFuture<ScoreReply> waiting = pending.remove(reply.jobId());
        if (waiting != null) {
            waiting.complete(reply);
        }
    }

    /**
     * The transport gave up on a job (a broker dead-lettered it after repeated failures, say): its caller
     * gets this error now instead of waiting for the timeout. Unknown or answered jobs are ignored.
     *
     * @return whether a caller was still waiting for the job
     */
    public boolean giveUp(String jobId, WorkerFailedException reason) {
        CompletableFuture<ScoreReply> waiting = pending.remove(jobId);
        return waiting != null && waiting.completeExceptionally(reason);
    }


    /** Identifies this functions instance so replies can be routed back to it. */
    public String instanceId() {
        return config.instanceId();
    }

    public int inFlight() {
        return pending.size();
    }
}
