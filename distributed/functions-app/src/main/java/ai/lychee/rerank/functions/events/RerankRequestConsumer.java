package ai.lychee.rerank.functions.events;

import ai.lychee.rerank.functions.RerankFunctions;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.http.Problem;
import ai.lychee.rerank.transport.JsonPayloads;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
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
 * The event-driven entry, for pipelines that are not request/response: a rerank request (the body of
 * {@code POST /api/rerank}) taken from a durable queue is scored like an HTTP one and its result
 * published to the results exchange, routing key {@value #SCORED} (the HTTP response body) or
 * {@value #REJECTED} (an RFC 7807 problem for input that will never score), with the request's
 * correlation id (or message id). At least once: the request is acknowledged only after the broker
 * confirmed its result; when scoring failed for want of a worker it is requeued, and past the delivery
 * limit dead-lettered. A redelivered request may be answered twice: consumers dedupe by correlation id.
 */
@ApplicationScoped
public class RerankRequestConsumer {

    public static final String REQUESTS = "rerank-requests";
    public static final String RESULTS = "rerank-results";
    public static final String SCORED = "scored";
    public static final String REJECTED = "rejected";
    private static final Logger LOG = Logger.getLogger(RerankRequestConsumer.class);

    @Inject
    RerankFunctions functions;

    @Inject
    ObjectMapper json;

    @Inject
    @Channel(RESULTS)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<byte[]> results;

    @Incoming(REQUESTS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<?> message) {
        String correlationId = message.getMetadata(IncomingRabbitMQMetadata.class)
                .flatMap(rabbit -> rabbit.getCorrelationId().or(rabbit::getMessageId))
                .orElse(null);
        Uni.createFrom().deferred(() -> functions.rerank(parse(message)))
                .subscribe().with(
                        response -> publish(message, correlationId, SCORED, response),
                        failure -> {
                            if (failure instanceof InvalidRequestException invalid) {
                                publish(message, correlationId, REJECTED, Problem.of(invalid.status(), invalid.getMessage(), invalid.field()));
                            } else {
                                // No worker, or the worker failed: try again later (the broker counts the attempts).
                                LOG.warnf("rerank request %s not scored, returned to the queue: %s", correlationId, failure.getMessage());
                                message.nack(failure);
                            }
                        });
        return CompletableFuture.completedFuture(null);
    }

    private RerankRequest parse(Message<?> message) {
        byte[] body = JsonPayloads.bytes(message.getPayload());
        try {
            return json.readValue(body == null ? new byte[0] : body, RerankRequest.class);
        } catch (IOException e) {
            throw new InvalidRequestException(400, "body", "the message body is not a rerank request: " + e.getMessage());
        }
    }

    private void publish(Message<?> request, String correlationId, String outcome, Object body) {
        byte[] encoded;
        try {
            encoded = json.writeValueAsBytes(body);
        } catch (IOException e) {
            request.nack(e);
            return;
        }
        OutgoingRabbitMQMetadata.Builder rabbit = new OutgoingRabbitMQMetadata.Builder()
                .withRoutingKey(outcome)
                .withContentType(outcome.equals(SCORED) ? "application/json" : Problem.MEDIA_TYPE)
                .withDeliveryMode(2);
        if (correlationId != null) {
            rabbit.withCorrelationId(correlationId);
        }
        results.send(Message.of(encoded, Metadata.of(rabbit.build()))
                .withAck(request::ack)
                .withNack(request::nack));
    }
}
