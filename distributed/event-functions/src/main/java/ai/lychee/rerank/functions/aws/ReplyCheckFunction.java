package ai.lychee.rerank.functions.aws;

import ai.lychee.rerank.functions.RerankFunctions;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.aws.results.EventResult;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The EventBridge trigger for customer-service checks ({@code quarkus.funqy.export=reply-check}): a rule sends
 * each "reply sent" event here; the reply is scored against the question (by {@code score}, under the
 * {@code customer-service-reply} preset unless the event names an instruction) and a "Reply Check Result" event
 * goes back on the bus. The result is also this call's answer. A failure (no worker) fails the call, and
 * Lambda's retries of asynchronous calls take it from there.
 */
@ApplicationScoped
public class ReplyCheckFunction {

    public static final String FUNCTION = "reply-check";

    private final RerankFunctions functions;
    private final RequestBodies bodies;
    private final EventScoring scoring;
    private final EventFunctionsConfig config;

    public ReplyCheckFunction(RerankFunctions functions, RequestBodies bodies, EventScoring scoring, EventFunctionsConfig config) {
        this.functions = functions;
        this.bodies = bodies;
        this.scoring = scoring;
        this.config = config;
    }

    @Funq(FUNCTION)
    public Uni<EventResult> check(ReplySentEvent event) {
        String correlationId = correlationId(event);
        return scoring.scoreAndPublish(correlationId, () -> FUNCTION, event.id(), () -> {
            if (event.detail() == null || !event.detail().isObject()) {
                throw InvalidRequestException.badRequest("detail", "the event has no detail object with the question and the reply");
            }
            ReplyCheck check = bodies.read(event.detail(), ReplyCheck.class, "detail.");
            String instruction = check.instruction() == null ? config.replyCheckInstruction() : check.instruction();
            try {
                return functions.score(new ScoreRequest(check.question(), check.reply(), instruction));
            } catch (InvalidRequestException invalid) {
                throw new InvalidRequestException(invalid.status(), inEvent(invalid.field()), invalid.getMessage());
            }
        });
    }

    private static String correlationId(ReplySentEvent event) {
        if (event.detail() != null && event.detail().path("correlation_id").isTextual()
                && !event.detail().path("correlation_id").asText().isBlank()) {
            return event.detail().path("correlation_id").asText();
        }
        return event.id();
    }

    /** The score request's field as the place in the event it came from: {@code document.text} is {@code detail.reply.text}. */
    private static String inEvent(String field) {
        if (field == null) {
            return null;
        }
        if (field.startsWith("query")) {
            return "detail.question" + field.substring("query".length());
        }
        if (field.startsWith("document")) {
            return "detail.reply" + field.substring("document".length());
        }
        return "detail." + field;
    }
}
