package ai.lychee.rerank.functions.aws.results;

/**
 * Where results go: an SQS queue, an SNS topic, an EventBridge bus. {@link #send} returns once the service
 * accepted the result and throws otherwise, so the request that produced it is retried rather than lost.
 */
public interface ResultDestination {

    /** {@code body} is {@link EventResult#body()} as JSON, {@code detail} the whole result as JSON. */
    void send(EventResult result, String body, String detail);

    /** For logs: the queue URL, topic or bus ARN. */
    String describe();
}
