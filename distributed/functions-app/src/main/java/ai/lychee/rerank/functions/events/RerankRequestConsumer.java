package ai.lychee.rerank.functions.events;

import ai.lychee.rerank.functions.RerankFunctions;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.http.JsonProblems;
import ai.lychee.rerank.functions.http.Problem;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import ai.lychee.rerank.transport.rabbitmq.DeliveryMetadata;
import ai.lychee.rerank.transport.rabbitmq.PublishMetadata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
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
 * correlation id (or message id). The request is acknowledged only after the broker confirmed its result;
 * when no worker could score it, it goes back to the queue as a failed delivery, and past the delivery limit it
 * is dead-lettered. A copy of a request this instance is answering or has answered (handed out again after a
 * connection dropped) gets no second result ({@link AnsweredRequests}).
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
    AnsweredRequests answered;

    @Inject
    @Channel(RESULTS)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<byte[]> results;

    @Incoming(REQUESTS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        String correlationId = message.getMetadata(DeliveryMetadata.class)
                .flatMap(delivery -> delivery.correlationId().or(delivery::messageId))
                .orElse(null);
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> earlier = correlationId == null ? null : answered.claim(correlationId, outcome);
        if (earlier != null) {
            earlier.thenAccept(done -> {
                if (done) {
                    LOG.debugf("rerank request %s was answered already; this copy is settled without a second result", correlationId);
                    message.ack();
                } else {
                    consume(message);
                }
            });
            return CompletableFuture.completedFuture(null);
        }
        Uni.createFrom().deferred(() -> functions.rerank(parse(message.getPayload())))
                .subscribe().with(
                        response -> publish(message, correlationId, SCORED, response, outcome),
                        failure -> {
                            if (failure instanceof InvalidRequestException invalid) {
                                publish(message, correlationId, REJECTED,
                                        Problem.of(invalid.status(), invalid.getMessage(), invalid.field()), outcome);
                            } else {
                                // No worker, or the worker failed: try again later (the broker counts the attempts).
                                LOG.warnf("rerank request %s not scored, returned to the queue: %s", correlationId, failure.getMessage());
                                outcome.complete(false);
                                message.nack(failure);
                            }
                        });
        return CompletableFuture.completedFuture(null);
    }

    private RerankRequest parse(byte[] body) {
        try {
            return json.readValue(body == null ? new byte[0] : body, RerankRequest.class);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e, "body");
        } catch (IOException e) {
            throw InvalidRequestException.badRequest("body", "the message body is not a rerank request: " + e.getMessage());
        }
    }

    private void publish(Message<?> request, String correlationId, String outcome, Object body, CompletableFuture<Boolean> answer) {
        byte[] encoded;
        try {
            encoded = json.writeValueAsBytes(body);
        } catch (IOException e) {
            answer.complete(false);
            request.nack(e);
            return;
        }
        PublishMetadata address = PublishMetadata.to(outcome)
                .withContentType(outcome.equals(SCORED) ? "application/json" : Problem.MEDIA_TYPE);
        if (correlationId != null) {
            address = address.withCorrelationId(correlationId);
        }
        results.send(Message.of(encoded, Metadata.of(address))
                .withAck(() -> {
                    answer.complete(true);
                    return request.ack();
                })
                .withNack(failure -> {
                    answer.complete(false);
                    return request.nack(failure);
                }));
    }
}
