package ai.lychee.rerank.functions.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Does what Lambda's SQS event source mapping does, against ElasticMQ: receives a batch, hands it to the function
 * as the event Lambda builds (every record field Lambda sets, from what the queue returned), then deletes the
 * messages the function did not report in {@code batchItemFailures} (ReportBatchItemFailures); the others become
 * visible again after the visibility timeout, and past maxReceiveCount the queue moves them to its dead-letter queue.
 */
final class SqsEventSourceMapping {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;

    SqsEventSourceMapping(SqsClient sqs, String queueUrl, String queueArn) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
    }

    record Delivery(ObjectNode event, MockLambda.Invocation invocation, Set<String> failed) {
    }

    /** One batch of up to 10 messages, waiting up to {@code waitSeconds} for the first. */
    Delivery deliverOnce(int waitSeconds) throws Exception {
        List<Message> messages = sqs.receiveMessage(builder -> builder.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return null;
        }
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            records.add(record(message));
        }
        MockLambda.Invocation invocation = MockLambda.invoke(event);
        Set<String> failed = new HashSet<>();
        if (invocation.status() != 200) {
            // The whole call failed: Lambda deletes nothing.
            messages.forEach(message -> failed.add(message.messageId()));
        } else if (invocation.body() != null && !invocation.body().isBlank()) {
            for (JsonNode failure : invocation.json().path("batchItemFailures")) {
                failed.add(failure.path("itemIdentifier").asText());
            }
        }
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                sqs.deleteMessage(builder -> builder.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return new Delivery(event, invocation, failed);
    }

    private ObjectNode record(Message message) {
        ObjectNode record = JSON.createObjectNode();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> {
            ObjectNode attribute = messageAttributes.putObject(name);
            attribute.put("stringValue", value.stringValue());
            attribute.putArray("stringListValues");
            attribute.putArray("binaryListValues");
            attribute.put("dataType", value.dataType());
        });
        if (message.md5OfMessageAttributes() != null) {
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        }
        record.put("md5OfBody", message.md5OfBody());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", "eu-west-1");
        return record;
    }
}
