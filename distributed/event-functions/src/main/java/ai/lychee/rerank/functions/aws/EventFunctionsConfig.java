package ai.lychee.rerank.functions.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where the event functions send their results, and how their events are named. */
@ConfigMapping(prefix = "lychee.event-functions")
public interface EventFunctionsConfig {

    /**
     * The results' destination: an SQS queue URL ({@code https://sqs...}), an SNS topic ARN
     * ({@code arn:aws:sns:...}), an EventBridge event bus ARN ({@code arn:aws:events:...:event-bus/NAME}),
     * or {@code log} (one JSON line per result on the log: for trying the package without AWS).
     */
    Optional<String> results();

    /** The {@code source} of the result events put on EventBridge. */
    @WithDefault("lychee.rerank")
    String eventSource();

    /** The instruction a reply check is scored under when its event names none. */
    @WithDefault("customer-service-reply")
    String replyCheckInstruction();
}
