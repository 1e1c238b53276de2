package ai.lychee.rerank.transport.rabbitmq;

import com.rabbitmq.client.AMQP;
import java.util.Map;
import java.util.Optional;

/**
 * What the broker said about a message it delivered: its properties (correlation id, headers, ...), where it
 * came from, and whether it was delivered before. {@link #returns()} is the broker's count of earlier deliveries
 * that ended without an ack: RabbitMQ cannot tell a crashed worker from a closed connection, so it is not a count
 * of failures.
 */
public record DeliveryMetadata(String exchange, String routingKey, boolean redelivered, AMQP.BasicProperties properties) {

    public Map<String, Object> headers() {
        return properties.getHeaders() == null ? Map.of() : properties.getHeaders();
    }

    public Optional<String> correlationId() {
        return Optional.ofNullable(properties.getCorrelationId());
    }

    public Optional<String> messageId() {
        return Optional.ofNullable(properties.getMessageId());
    }

    public Optional<String> header(String name) {
        Object value = headers().get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    /** {@code x-delivery-count} of a quorum queue (0 on a first delivery or elsewhere). */
    public long returns() {
        return headers().get("x-delivery-count") instanceof Number n ? n.longValue() : 0;
    }
}
