package ai.lychee.rerank.functions.lambda.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The transient path: no worker answers. The requests that could score are reported in {@code batchItemFailures}
 * (the malformed one beside them is rejected once and deleted), SQS delivers them again, and after
 * maxReceiveCount receives the queue moves them, untouched, to its dead-letter queue; no result is made up for them.
 */
@QuarkusTest
@TestProfile(NoWorkerProfile.class)
@EnabledIf("ai.lychee.rerank.functions.lambda.events.RabbitVhost#brokerIsUp")
class NoWorkerTest {

    @Test
    void requestsNoWorkerAnsweredAreRetriedThenDeadLetteredAndOnlyTheMalformedOneIsAnswered() throws Exception {
        String first = SqsRequestsTest.send("{\"query\": \"q\", \"documents\": [\"one\", \"two\"]}", Map.of("correlation-id", "retry-1"));
        SqsRequestsTest.send("{\"query\": ", Map.of("correlation-id", "malformed"));
        String third = SqsRequestsTest.send("{\"query\": \"q\", \"document\": \"d\"}", Map.of("correlation-id", "retry-3"));
        SqsEventSourceMapping mapping = new SqsEventSourceMapping(AwsEndpoints.elasticMq().client(), AwsEndpoints.requestsQueue(),
                AwsEndpoints.elasticMq().queueArn(AwsEndpoints.requestsQueue()));

        SqsEventSourceMapping.Delivery delivery = mapping.deliverOnce(5);

        assertThat(delivery.event().path("Records")).hasSize(3);
        assertThat(delivery.invocation().status()).as("the batch call itself succeeds").isEqualTo(200);
        assertThat(delivery.failed()).containsExactlyInAnyOrder(first, third);
        List<ResultsQueue.Result> results = ResultsQueue.take(1);
        assertThat(results.get(0).correlationId()).isEqualTo("malformed");
        assertThat(results.get(0).attributes()).containsEntry("outcome", "rejected");

        for (int receive = 2; receive <= AwsEndpoints.MAX_RECEIVE_COUNT; receive++) {
            SqsEventSourceMapping.Delivery again = mapping.deliverOnce(5);
            assertThat(again.event().path("Records")).as("only the two failures come back").hasSize(2);
            assertThat(again.event().path("Records").path(0).path("attributes").path("ApproximateReceiveCount").asText())
                    .isEqualTo(String.valueOf(receive));
            assertThat(again.failed()).isEqualTo(Set.of(first, third));
        }
        assertThat(mapping.deliverOnce(3)).as("past maxReceiveCount nothing is delivered").isNull();

        List<Message> dead = AwsEndpoints.elasticMq().client().receiveMessage(builder -> builder
                .queueUrl(AwsEndpoints.deadLetterQueue()).maxNumberOfMessages(10).waitTimeSeconds(2).messageAttributeNames("All")).messages();
        assertThat(dead).extracting(Message::messageId).containsExactlyInAnyOrder(first, third);
        assertThat(dead).extracting(message -> message.messageAttributes().get("correlation-id").stringValue())
                .containsExactlyInAnyOrder("retry-1", "retry-3");
        ResultsQueue.take(0);
    }
}
