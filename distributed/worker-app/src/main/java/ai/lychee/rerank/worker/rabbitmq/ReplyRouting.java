package ai.lychee.rerank.worker.rabbitmq;

import ai.lychee.rerank.protocol.Channels;
import ai.lychee.rerank.protocol.ReplyRoute;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.OutgoingInterceptor;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Addresses each reply to the functions instance that asked: the replies exchange is a direct exchange
 * where every instance binds its own queue under its instance id, so the routing key is the job's
 * {@code replyTo}; the correlation id is the job id. The payload goes as JSON bytes.
 */
@ApplicationScoped
@Identifier(Channels.SCORE_REPLIES)
public class ReplyRouting implements OutgoingInterceptor {

    private final ObjectMapper json;

    public ReplyRouting(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Message<?> beforeMessageSend(Message<?> message) {
        ReplyRoute route = message.getMetadata(ReplyRoute.class)
                .orElseThrow(() -> new IllegalStateException("a score reply without its ReplyRoute cannot be routed"));
        OutgoingRabbitMQMetadata rabbit = new OutgoingRabbitMQMetadata.Builder()
                .withRoutingKey(route.replyTo())
                .withCorrelationId(route.jobId())
                .withContentType("application/json")
                .build();
        try {
            return message.withPayload(json.writeValueAsBytes(message.getPayload())).addMetadata(rabbit);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onMessageAck(Message<?> message) {
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
    }
}
