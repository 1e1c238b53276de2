package ai.lychee.rerank.functions.aws.results;

import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Results published to an SNS topic (a standard topic): the message is the body as the HTTP API answers it, the
 * rest message attributes, so subscriptions can filter on {@code outcome} or {@code function}.
 */
final class SnsResultTopic implements ResultDestination {

    private final SnsClient sns;
    private final String topicArn;

    SnsResultTopic(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void send(EventResult result, String body, String detail) {
        Map<String, MessageAttributeValue> attributes = ResultAttributes.of(result,
                value -> MessageAttributeValue.builder().dataType("String").stringValue(value).build());
        sns.publish(PublishRequest.builder().topicArn(topicArn).message(body).messageAttributes(attributes).build());
    }

    @Override
    public String describe() {
        return "SNS topic " + topicArn;
    }
}
