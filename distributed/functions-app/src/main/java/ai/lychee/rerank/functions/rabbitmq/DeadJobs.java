package ai.lychee.rerank.functions.rabbitmq;

import ai.lychee.rerank.functions.dispatch.ScoreDispatcher;
import ai.lychee.rerank.functions.dispatch.WorkerFailedException;
import ai.lychee.rerank.transport.rabbitmq.DeliveryMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Score jobs of this instance that the broker dead-lettered: one no worker could decode, one whose deliveries
 * kept ending without an answer (past the delivery limit), or one that expired unclaimed. A caller still waiting
 * gets a clear error now instead of waiting out the timeout. A dead copy of a job already answered (it was
 * scored, then also redelivered) concerns nobody and is only noted. The body is not read: a job too broken to
 * decode still names its caller in its properties.
 */
@ApplicationScoped
public class DeadJobs {

    public static final String CHANNEL = "score-dead-jobs";
    private static final Logger LOG = Logger.getLogger(DeadJobs.class);

    private final ScoreDispatcher dispatcher;

    public DeadJobs(ScoreDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Incoming(CHANNEL)
    public CompletionStage<Void> onDeadJob(Message<?> message) {
        message.getMetadata(DeliveryMetadata.class).ifPresent(delivery -> {
            String jobId = delivery.correlationId().orElse(null);
            String reason = reason(delivery.headers());
            boolean callerWaited = jobId != null && dispatcher.giveUp(jobId, switch (reason) {
                case "expired" -> new WorkerFailedException(504, "no worker took the score job before it expired");
                case "rejected" -> new WorkerFailedException(502,
                        "the score job could not be read by the workers and was set aside (dead-lettered)");
                default -> new WorkerFailedException(502, "the score job's deliveries kept ending without an answer"
                        + " (the workers holding it died) and it was set aside (dead-lettered, reason: " + reason + ")");
            });
            if (callerWaited) {
                LOG.warnf("score job %s was dead-lettered (%s)", jobId, reason);
            } else {
                LOG.infof("a copy of score job %s, answered already, was dead-lettered (%s)", jobId, reason);
            }
        });
        return message.ack();
    }

    /** Why RabbitMQ dead-lettered it: the first entry of its x-death header (delivery_limit, rejected, expired). */
    static String reason(Map<String, Object> headers) {
        if (headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty() && deaths.get(0) instanceof Map<?, ?> first) {
            return String.valueOf(first.get("reason"));
        }
        return "unknown";
    }
}
