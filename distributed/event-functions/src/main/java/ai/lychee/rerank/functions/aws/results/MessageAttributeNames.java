package ai.lychee.rerank.functions.aws.results;

/**
 * The message attributes of requests and results on SQS and SNS. Names use the characters both services allow;
 * SNS subscription filter policies can select on {@link #OUTCOME} (e.g. only {@code rejected}).
 */
public final class MessageAttributeNames {

    /** Set by the sender of a request (else the SQS message id stands in); echoed on its result. */
    public static final String CORRELATION_ID = "correlation-id";
    /** {@code rerank} or {@code score}: which function a request is for (else told by its body's shape). */
    public static final String FUNCTION = "function";
    /** {@code scored} or {@code rejected}. */
    public static final String OUTCOME = "outcome";
    /** {@code application/json} (a scored body) or {@code application/problem+json}. */
    public static final String CONTENT_TYPE = "content-type";

    private MessageAttributeNames() {
    }
}
