package ai.lychee.rerank.functions.aws.results;

import ai.lychee.rerank.functions.aws.EventFunctionsConfig;
import ai.lychee.rerank.functions.http.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends results to the destination named by {@code lychee.event-functions.results}, chosen at start (a missing or
 * unreadable setting stops the start, rather than every request failing later). Sends happen one at a time on
 * {@link #thread()}: the clients block, and Funqy's per-batch bookkeeping of failures is not thread-safe, so the
 * messages of a batch finish on this one thread.
 */
@ApplicationScoped
public class ResultPublisher {

    /** SQS, SNS and EventBridge all take at most 256 KiB per message; the rest is room for attributes and the event. */
    static final int MAX_BODY_BYTES = 256 * 1024 - 8 * 1024;
    private static final Pattern SNS_TOPIC = Pattern.compile("arn:[a-z-]+:sns:[^:]*:[^:]*:.+");
    private static final Pattern EVENT_BUS = Pattern.compile("arn:[a-z-]+:events:[^:]*:[^:]*:event-bus/.+");
    private static final Logger LOG = Logger.getLogger(ResultPublisher.class);

    private final EventFunctionsConfig config;
    private final ObjectMapper json;
    private final Instance<SqsClient> sqs;
    private final Instance<SnsClient> sns;
    private final Instance<EventBridgeClient> events;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread sender = new Thread(runnable, "lychee-results");
        sender.setDaemon(true);
        return sender;
    });
    private volatile ResultDestination destination;

    public ResultPublisher(EventFunctionsConfig config, ObjectMapper json, Instance<SqsClient> sqs, Instance<SnsClient> sns,
                           Instance<EventBridgeClient> events) {
        this.config = config;
        this.json = json;
        this.sqs = sqs;
        this.sns = sns;
        this.events = events;
    }

    void onStart(@Observes StartupEvent started) {
        LOG.infof("results go to %s", destination().describe());
    }

    /** The one thread results are sent on. */
    public ExecutorService thread() {
        return thread;
    }

    /** Sends the result, or, when it is too large for any of the destinations, a 413 problem in its place. */
    public EventResult publish(EventResult result) {
        EventResult sent = result;
        String body = encode(result.body());
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            sent = EventResult.rejected(result.correlationId(), result.function(), result.sourceEventId(),
                    json.valueToTree(Problem.of(413, "the result is " + body.getBytes(StandardCharsets.UTF_8).length
                            + " bytes, over the " + MAX_BODY_BYTES + " a queue, topic or event can carry: ask for fewer "
                            + "results (top_n) or leave out the documents (return_documents false)", null)));
            body = encode(sent.body());
        }
        destination().send(sent, body, encode(sent));
        return sent;
    }

    private ResultDestination destination() {
        if (destination == null) {
            destination = choose(config.results().orElseThrow(() -> new IllegalStateException(
                    "lychee.event-functions.results is not set (LYCHEE_EVENT_FUNCTIONS_RESULTS): give an SQS queue URL, "
                            + "an SNS topic ARN, an EventBridge bus ARN, or log")));
        }
        return destination;
    }

    private ResultDestination choose(String results) {
        String target = results.trim();
        if (target.equals("log")) {
            return new LoggedResults();
        }
        if (target.startsWith("https://") || target.startsWith("http://")) {
            return new SqsResultQueue(sqs.get(), target);
        }
        if (SNS_TOPIC.matcher(target).matches()) {
            return new SnsResultTopic(sns.get(), target);
        }
        if (EVENT_BUS.matcher(target).matches()) {
            return new EventBridgeResultBus(events.get(), target, config.eventSource());
        }
        throw new IllegalStateException("lychee.event-functions.results is '" + target + "': give an SQS queue URL "
                + "(https://sqs...), an SNS topic ARN (arn:aws:sns:...), an EventBridge bus ARN "
                + "(arn:aws:events:...:event-bus/NAME), or log");
    }

    private String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void stop() {
        thread.shutdown();
    }
}
