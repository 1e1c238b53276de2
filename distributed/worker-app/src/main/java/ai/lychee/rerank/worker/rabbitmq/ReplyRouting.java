package ai.lychee.rerank.worker.rabbitmq;

import ai.lychee.rerank.protocol.Channels;
import ai.lychee.rerank.protocol.ReplyRoute;
import ai.lychee.rerank.transport.JsonRouting;
import ai.lychee.rerank.transport.rabbitmq.PublishMetadata;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Addresses each reply to the functions instance that asked: the replies exchange is a direct exchange
 * where every instance binds its own queue under its instance id, so the routing key is the job's
 * {@code replyTo}; the correlation id is the job id. The reply is worth sending until the job's deadline:
 * a worker whose connection dropped while it scored sends it once the broker is back, if its caller still waits.
 */
@Singleton
@Identifier(Channels.SCORE_REPLIES)
public class ReplyRouting extends JsonRouting {

    public ReplyRouting(ObjectMapper json) {
        super(json);
    }

    @Override
    protected PublishMetadata address(Message<?> message) {
        ReplyRoute route = message.getMetadata(ReplyRoute.class)
                .orElseThrow(() -> new IllegalStateException("a score reply without its ReplyRoute cannot be routed"));
        PublishMetadata address = PublishMetadata.to(route.replyTo()).withCorrelationId(route.jobId());
        return route.deadline() > 0 ? address.until(Instant.ofEpochMilli(route.deadline())) : address;
    }
}
