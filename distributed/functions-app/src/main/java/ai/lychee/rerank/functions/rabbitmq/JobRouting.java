package ai.lychee.rerank.functions.rabbitmq;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.protocol.Channels;
import ai.lychee.rerank.protocol.ScoreJob;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import ai.lychee.rerank.transport.JsonRouting;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Stamps each score job for the broker: persistent; correlation id = job id; reply-to and the
 * {@value #REPLY_TO_HEADER} header = this instance's id (the header is what routes a dead-lettered job
 * back here); and an expiration equal to the caller's timeout, so a job nobody took in time is not
 * scored for a caller who has already been told 504.
 */
@Singleton
@Identifier(Channels.SCORE_JOBS)
public class JobRouting extends JsonRouting {

    public static final String REPLY_TO_HEADER = "lychee-reply-to";
    private static final int PERSISTENT = 2;

    private final FunctionsConfig config;

    public JobRouting(ObjectMapper json, FunctionsConfig config) {
        super(json);
        this.config = config;
    }

    @Override
    protected OutgoingRabbitMQMetadata.Builder address(Message<?> message) {
        ScoreJob job = (ScoreJob) message.getPayload();
        return new OutgoingRabbitMQMetadata.Builder()
                .withRoutingKey("score")
                .withCorrelationId(job.id())
                .withMessageId(job.id())
                .withReplyTo(job.replyTo())
                .withHeader(REPLY_TO_HEADER, job.replyTo())
                .withDeliveryMode(PERSISTENT)
                .withExpiration(Long.toString(config.workerTimeout().toMillis()));
    }
}
