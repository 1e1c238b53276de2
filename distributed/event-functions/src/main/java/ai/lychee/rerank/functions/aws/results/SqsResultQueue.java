package ai.lychee.rerank.functions.aws.results;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** Results as messages on an SQS queue (a standard queue): the body as the HTTP API answers it, the rest as attributes. */
final class SqsResultQueue implements ResultDestination {

    private final SqsClient sqs;
    private final String queueUrl;

    SqsResultQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(EventResult result, String body, String detail) {
        Map<String, MessageAttributeValue> attributes = ResultAttributes.of(result,
                value -> MessageAttributeValue.builder().dataType("String").stringValue(value).build());
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body).messageAttributes(attributes).build());
    }

    @Override
    public String describe() {
        return "SQS queue " + queueUrl;
    }
}
