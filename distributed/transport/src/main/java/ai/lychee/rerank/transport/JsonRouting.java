package ai.lychee.rerank.transport;

import ai.lychee.rerank.transport.rabbitmq.PublishMetadata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.OutgoingInterceptor;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What every outgoing protocol message shares on its way to the broker: its payload goes as JSON bytes
 * with the broker metadata a subclass addresses it with ({@link #address}).
 */
public abstract class JsonRouting implements OutgoingInterceptor {

    private final ObjectMapper json;

    protected JsonRouting(ObjectMapper json) {
        this.json = json;
    }

    /** Routing key, correlation id, deadline and the rest for this message; the content type is set here. */
    protected abstract PublishMetadata address(Message<?> message);

    @Override
    public final Message<?> beforeMessageSend(Message<?> message) {
        PublishMetadata address = address(message).withContentType("application/json");
        try {
            return message.withPayload(json.writeValueAsBytes(message.getPayload())).addMetadata(address);
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
