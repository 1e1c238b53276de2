package ai.lychee.rerank.functions.aws;

import ai.lychee.rerank.functions.RerankFunctions;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.aws.results.MessageAttributeNames;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SQS trigger ({@code quarkus.funqy.export=sqs-requests}). Funqy's Amazon Lambda binding splits each SQS
 * batch into its messages, calls this once per message, and answers Lambda with the ids of the messages whose
 * call failed ({@code batchItemFailures}), so only those are delivered again. A message is the JSON body of
 * {@code POST /api/rerank} or {@code POST /api/score}; the message attribute {@code function} says which (else
 * the body's {@code documents} or {@code document} does), {@code correlation-id} names it (else the message id).
 */
@ApplicationScoped
public class SqsRequestFunction {

    private final RerankFunctions functions;
    private final RequestBodies bodies;
    private final EventScoring scoring;

    public SqsRequestFunction(RerankFunctions functions, RequestBodies bodies, EventScoring scoring) {
        this.functions = functions;
        this.bodies = bodies;
        this.scoring = scoring;
    }

    @Funq("sqs-requests")
    public Uni<Void> handle(SQSMessage message) {
        String correlationId = attribute(message, MessageAttributeNames.CORRELATION_ID).orElse(message.getMessageId());
        AtomicReference<String> function = new AtomicReference<>(attribute(message, MessageAttributeNames.FUNCTION).orElse(null));
        return scoring.scoreAndPublish(correlationId, function::get, null, () -> {
            JsonNode body = bodies.object(message.getBody());
            if (function.get() == null) {
                function.set(body.has("documents") ? "rerank" : body.has("document") ? "score" : null);
            }
            if ("rerank".equals(function.get())) {
                return functions.rerank(bodies.read(body, RerankRequest.class, ""));
            }
            if ("score".equals(function.get())) {
                return functions.score(bodies.read(body, ScoreRequest.class, ""));
            }
            throw function.get() == null
                    ? InvalidRequestException.badRequest("documents", "the request has neither documents (for rerank) nor "
                            + "document (for score); or name the function in the message attribute 'function'")
                    : InvalidRequestException.badRequest("function", "the message attribute 'function' is '" + function.get()
                            + "': rerank or score");
        }).replaceWithVoid();
    }

    private static Optional<String> attribute(SQSMessage message, String name) {
        if (message.getMessageAttributes() == null) {
            return Optional.empty();
        }
        MessageAttribute attribute = message.getMessageAttributes().get(name);
        return Optional.ofNullable(attribute).map(MessageAttribute::getStringValue).filter(value -> !value.isBlank());
    }
}
