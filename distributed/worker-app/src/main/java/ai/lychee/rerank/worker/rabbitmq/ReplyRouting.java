package ai.lychee.rerank.worker.rabbitmq;

import ai.lychee.rerank.protocol.Channels;
import ai.lychee.rerank.protocol.ReplyRoute;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import ai.lychee.rerank.transport.JsonRouting;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Addresses each reply to the functions instance that asked: the replies exchange is a direct exchange
 * where every instance binds its own queue under its instance id, so the routing key is the job's
 * {@code replyTo}; the correlation id is the job id.
 */
@Singleton
@Identifier(Channels.SCORE_REPLIES)
public class ReplyRouting extends JsonRouting {

    public ReplyRouting(ObjectMapper json) {
        super(json);
    }

    @Override
    protected OutgoingRabbitMQMetadata.Builder address(Message<?> message) {
        ReplyRoute route = message.getMetadata(ReplyRoute.class)
                .orElseThrow(() -> new IllegalStateException("a score reply without its ReplyRoute cannot be routed"));
        return new OutgoingRabbitMQMetadata.Builder()
                .withRoutingKey(route.replyTo())
                .withCorrelationId(route.jobId());
    }
}
