package ai.lychee.rerank.worker;

import ai.lychee.rerank.protocol.Channels;
import ai.lychee.rerank.protocol.ReplyRoute;
import ai.lychee.rerank.protocol.ScoreJob;
import ai.lychee.rerank.protocol.ScoreReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Takes score jobs off the channel, hands their pairs to the batcher and publishes the reply.
 * It returns at once so the next job can join the same batch; the job is acknowledged only after
 * its reply is published, so with a broker a worker that dies mid-batch loses nothing. A job whose
 * caller has stopped waiting (past its deadline) is dropped unscored; so is one whose reply could not
 * be delivered before that deadline, since another try could not reach anyone either.
 */
@ApplicationScoped
public class ScoreJobConsumer {

    private static final Logger LOG = Logger.getLogger(ScoreJobConsumer.class);

    @Inject
    BatchingScorer batcher;

    @Inject
    @Channel(Channels.SCORE_REPLIES)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<ScoreReply> replies;

    @Inject
    WorkerStageTimers stages;

    @Incoming(Channels.SCORE_JOBS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<ScoreJob> message) {
        long arrived = System.nanoTime();
        ScoreJob job = message.getPayload();
        if (job.expiredAt(System.currentTimeMillis())) {
            LOG.debugf("job %s dropped unscored: its caller stopped waiting", job.id());
            return message.ack();
        }
        List<ScoringPair> pairs = job.documents().stream()
                .map(document -> new ScoringPair(job.instruction(), job.query(), document, job.maxDocumentTokens()))
                .toList();
        batcher.submit(pairs)
                .handle((scores, failure) -> failure == null
                        ? ScoreReply.ok(job.id(), batcher.modelName(), Boolean.TRUE.equals(job.countTokens()) ? scores
                                : scores.stream().map(s -> s.withTokens(null)).toList())
                        : failedReply(job, failure))
                .thenAccept(reply -> {
                    stages.record(WorkerStageTimers.JOB, System.nanoTime() - arrived);
                    publish(reply, job, message);
                });
        return CompletableFuture.completedFuture(null);
    }

    private void publish(ScoreReply reply, ScoreJob job, Message<ScoreJob> message) {
        replies.send(Message.of(reply, Metadata.of(new ReplyRoute(job.replyTo(), job.id(), job.deadline())))
                .withAck(() -> message.ack())
                .withNack(failure -> {
                    LOG.warnf("the reply to job %s could not be delivered before its deadline: %s", job.id(), failure.getMessage());
                    return message.ack();
                }));
    }

    private ScoreReply failedReply(ScoreJob job, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof InvalidPairException invalid) {
            return ScoreReply.failed(job.id(), batcher.modelName(), invalid.getMessage(), invalid.status(),
                    invalid.queryAtFault() ? -1 : invalid.pairIndex());
        }
        if (cause instanceof WorkerSaturatedException) {
            return ScoreReply.failed(job.id(), batcher.modelName(), cause.getMessage(), 503, null);
        }
        LOG.errorf(cause, "job %s failed", job.id());
        return ScoreReply.failed(job.id(), batcher.modelName(), cause.getClass().getSimpleName() + ": " + cause.getMessage(), 500, null);
    }
}
