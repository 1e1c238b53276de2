package ai.lychee.rerank.functions.rabbitmq;

import ai.lychee.rerank.functions.dispatch.ScoreDispatcher;
import ai.lychee.rerank.functions.dispatch.WorkerFailedException;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Score jobs of this instance that the broker dead-lettered (past the delivery limit: they failed or
 * killed every worker they reached; or expired unclaimed). Their callers get a clear error now
 * instead of waiting out the timeout. The body is not read: a job too broken to decode still names
 * its caller in its properties.
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
        message.getMetadata(IncomingRabbitMQMetadata.class).ifPresent(rabbit -> {
            String jobId = rabbit.getCorrelationId().orElse(null);
            Death death = Death.of(rabbit.getHeaders());
            LOG.warnf("score job %s was dead-lettered (%s after %d deliveries)", jobId, death.reason(), death.count());
            if (jobId != null) {
                dispatcher.giveUp(jobId, death.reason().equals("expired")
                        ? new WorkerFailedException(504, "no worker took the score job before it expired")
                        : new WorkerFailedException(502, "the score job failed on the workers " + death.count()
                                + " times and was set aside (dead-lettered, reason: " + death.reason() + ")"));
            }
        });
        return message.ack();
    }

    /** The first entry of RabbitMQ's x-death header: why and how often. */
    record Death(String reason, long count) {
        static Death of(Map<String, Object> headers) {
            if (headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty() && deaths.get(0) instanceof Map<?, ?> first) {
                Object count = first.get("count");
                return new Death(String.valueOf(first.get("reason")), count instanceof Number n ? n.longValue() : 1);
            }
            Object delivered = headers.get("x-delivery-count");
            return new Death("delivery_limit", delivered instanceof Number n ? n.longValue() : 0);
        }
    }
}
