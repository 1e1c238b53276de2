package ai.lychee.rerank.functions.aws.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A result's message attributes on SQS and SNS (each service has its own attribute type, hence the conversion). */
final class ResultAttributes {

    private ResultAttributes() {
    }

    /** The attributes as the service's own attribute type, made from each string value by {@code asString}. */
    static <T> Map<String, T> of(EventResult result, Function<String, T> asString) {
        Map<String, T> attributes = new LinkedHashMap<>();
        // Never absent from SQS messages and EventBridge events; a hand-made invocation may lack one, and SQS and SNS
        // refuse an attribute without a value (which would fail the send on every retry).
        if (result.correlationId() != null) {
            attributes.put(MessageAttributeNames.CORRELATION_ID, asString.apply(result.correlationId()));
        }
        attributes.put(MessageAttributeNames.OUTCOME, asString.apply(result.outcome()));
        attributes.put(MessageAttributeNames.CONTENT_TYPE, asString.apply(result.contentType()));
        if (result.function() != null) {
            attributes.put(MessageAttributeNames.FUNCTION, asString.apply(result.function()));
        }
        return attributes;
    }
}
