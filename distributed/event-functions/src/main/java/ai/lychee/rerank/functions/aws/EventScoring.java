package ai.lychee.rerank.functions.aws;

import ai.lychee.rerank.functions.aws.results.EventResult;
import ai.lychee.rerank.functions.aws.results.ResultPublisher;
import ai.lychee.rerank.functions.http.Problem;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One event-driven request from call to published result. Input that can never score (what the HTTP API
 * answers with a 4xx) becomes a {@code rejected} result, published like any other and not retried. Anything
 * else (no worker answered, the broker is away, the destination refused the result) fails the returned Uni,
 * so the event source delivers the request again: SQS after its visibility timeout, then to its dead-letter
 * queue; EventBridge through Lambda's retries of asynchronous calls.
 */
@ApplicationScoped
public class EventScoring {

    private static final Logger LOG = Logger.getLogger(EventScoring.class);

    private final ResultPublisher publisher;
    private final ObjectMapper json;

    public EventScoring(ResultPublisher publisher, ObjectMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    /**
     * Runs {@code call} (one of the Funqy functions, or what reads its request first) on a worker thread, since
     * reading a request may fetch its images, and publishes what it came to. {@code function} is asked once the
     * call has run or failed: a message may only say which function it is for in its body.
     */
    public Uni<EventResult> scoreAndPublish(String correlationId, Supplier<String> function, String sourceEventId, Supplier<Uni<?>> call) {
        return Uni.createFrom().deferred(call)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(answer -> EventResult.scored(correlationId, function.get(), sourceEventId, json.valueToTree(answer)))
                .onFailure(InvalidRequestException.class).recoverWithItem(failure -> {
                    InvalidRequestException invalid = (InvalidRequestException) failure;
                    return EventResult.rejected(correlationId, function.get(), sourceEventId,
                            json.valueToTree(Problem.of(invalid.status(), invalid.getMessage(), invalid.field())));
                })
                .emitOn(publisher.thread())
                .map(publisher::publish)
                .onFailure().invoke(failure -> LOG.warnf("request %s not answered, left for its event source to deliver again: %s",
                        correlationId, failure.getMessage()));
    }
}
