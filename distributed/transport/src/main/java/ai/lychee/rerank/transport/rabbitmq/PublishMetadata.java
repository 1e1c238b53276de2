package ai.lychee.rerank.transport.rabbitmq;

import java.time.Instant;
import java.util.Map;

/**
 * How an outgoing message is addressed and until when it is worth sending. The publisher keeps a message
 * until the broker confirms it, across lost connections, but not past {@code deadline} (null: the channel's
 * {@code publish-timeout} from when it was handed over); then the message is nacked. With
 * {@code expiresAtDeadline} the message also carries the time left until the deadline as its expiration, taken
 * when it is (re)published, so the queue drops it once nobody waits for it.
 */
public record PublishMetadata(String routingKey, String correlationId, String messageId, String replyTo,
                              Map<String, Object> headers, String contentType, Instant deadline, boolean expiresAtDeadline) {

    public PublishMetadata {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static PublishMetadata to(String routingKey) {
        return new PublishMetadata(routingKey, null, null, null, Map.of(), null, null, false);
    }

    public PublishMetadata withCorrelationId(String id) {
        return new PublishMetadata(routingKey, id, messageId, replyTo, headers, contentType, deadline, expiresAtDeadline);
    }

    public PublishMetadata withMessageId(String id) {
        return new PublishMetadata(routingKey, correlationId, id, replyTo, headers, contentType, deadline, expiresAtDeadline);
    }

    public PublishMetadata withReplyTo(String to) {
        return new PublishMetadata(routingKey, correlationId, messageId, to, headers, contentType, deadline, expiresAtDeadline);
    }

    public PublishMetadata withHeader(String name, Object value) {
        Map<String, Object> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new PublishMetadata(routingKey, correlationId, messageId, replyTo, more, contentType, deadline, expiresAtDeadline);
    }

    public PublishMetadata withContentType(String type) {
        return new PublishMetadata(routingKey, correlationId, messageId, replyTo, headers, type, deadline, expiresAtDeadline);
    }

    public PublishMetadata until(Instant when) {
        return new PublishMetadata(routingKey, correlationId, messageId, replyTo, headers, contentType, when, expiresAtDeadline);
    }

    public PublishMetadata expiringAtDeadline() {
        return new PublishMetadata(routingKey, correlationId, messageId, replyTo, headers, contentType, deadline, true);
    }
}
