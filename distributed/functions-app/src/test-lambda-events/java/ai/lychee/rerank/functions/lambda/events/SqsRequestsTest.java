package ai.lychee.rerank.functions.lambda.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The SQS-triggered Lambda, end to end as a pipeline uses it: requests are sent to a real SQS-compatible queue
 * (ElasticMQ), handed to the function as Lambda's event source mapping hands them (a batch, every record field),
 * run by Funqy's Amazon Lambda binding through the {@code @Funq} functions and the real lite worker, and the
 * results are read back off the results queue.
 */
@QuarkusTest
@TestProfile(SqsRequestsProfile.class)
class SqsRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMalformedMessageInTheMiddleIsRejectedAloneAndTheBatchIsNotRedelivered() throws Exception {
        send(JSON.writeValueAsString(Map.of(
                "query", "What is the capital of France?",
                "documents", List.of("Bananas grow in tropical climates.", "Paris is the capital and most populous city of France."))),
                Map.of("correlation-id", "pipeline-item-1"));
        String malformed = send("{\"query\": \"q\", \"documents\": [\"a\"", Map.of("correlation-id", "pipeline-item-2"));
        String third = send(JSON.writeValueAsString(Map.of(
                "query", "中国的首都是哪里?", "document", "中国的首都是哪个城市")), Map.of("function", "score"));

        SqsEventSourceMapping.Delivery delivery = mapping().deliverOnce(5);

        assertThat(delivery.event().path("Records")).as("one batch of three").hasSize(3);
        assertThat(delivery.invocation().status()).isEqualTo(200);
        assertThat(delivery.invocation().json().path("batchItemFailures")).as("nothing to redeliver").isEmpty();
        assertThat(delivery.failed()).isEmpty();
        Map<String, ResultsQueue.Result> results = byCorrelationId(ResultsQueue.take(3));
        assertThat(results).containsOnlyKeys("pipeline-item-1", "pipeline-item-2", third);

        ResultsQueue.Result rerank = results.get("pipeline-item-1");
        assertThat(rerank.attributes()).containsEntry("outcome", "scored").containsEntry("function", "rerank")
                .containsEntry("content-type", "application/json");
        assertThat(rerank.body().path("model").asText()).isEqualTo("lite");
        assertThat(rerank.body().path("results").path(0).path("index").asInt()).as("Paris first").isEqualTo(1);
        assertSortedWithBands(rerank.body().path("results"));

        ResultsQueue.Result rejected = results.get("pipeline-item-2");
        assertThat(malformed).isNotEqualTo("pipeline-item-2");
        assertThat(rejected.attributes()).containsEntry("outcome", "rejected").containsEntry("content-type", "application/problem+json");
        assertThat(rejected.body().path("status").asInt()).isEqualTo(400);
        assertThat(rejected.body().path("field").asText()).isEqualTo("body");
        assertThat(rejected.body().path("type").asText()).startsWith("https://lychee.ai/problems/");
        assertThat(rejected.body().path("detail").asText()).contains("not valid JSON");

        ResultsQueue.Result score = results.get(third);
        assertThat(score.attributes()).as("no correlation id: the SQS message id stands in")
                .containsEntry("correlation-id", third).containsEntry("outcome", "scored").containsEntry("function", "score");
        assertThat(score.body().path("band").asText()).isEqualTo("high");
        assertThat(score.body().path("score").asDouble()).isGreaterThan(0.7);
        assertRequestQueueEmpty();
    }

    @Test
    void aChineseImageAndTextRequestIsScoredOnBoth() throws Exception {
        String request = JSON.writeValueAsString(Map.of(
                "query", "红色连衣裙",
                "documents", List.of(
                        Map.of("text", "蓝色牛仔裤,修身直筒", "image_base64", TestImages.solid(new Color(30, 60, 200))),
                        Map.of("text", "夏季新款红色连衣裙", "image_base64", TestImages.solid(new Color(210, 20, 30)))),
                "instruction", "ecommerce-search",
                "return_documents", true));
        send(request, Map.of("correlation-id", "商品-7", "function", "rerank"));

        SqsEventSourceMapping.Delivery delivery = mapping().deliverOnce(5);

        assertThat(delivery.failed()).isEmpty();
        ResultsQueue.Result result = ResultsQueue.take(1).get(0);
        assertThat(result.correlationId()).isEqualTo("商品-7");
        assertThat(result.attributes()).containsEntry("outcome", "scored");
        JsonNode body = result.body();
        assertThat(body.path("instruction").asText()).as("the preset, resolved").startsWith("Given a product search query");
        JsonNode first = body.path("results").path(0);
        assertThat(first.path("index").asInt()).as("the red dress first").isEqualTo(1);
        assertThat(first.path("document").path("text").asText()).isEqualTo("夏季新款红色连衣裙");
        assertThat(first.path("sub_scores").has("text")).isTrue();
        assertThat(first.path("sub_scores").has("image")).as("the red photo was read: its colour is the query's").isTrue();
        JsonNode second = body.path("results").path(1);
        assertThat(second.path("document").path("text").asText()).isEqualTo("蓝色牛仔裤,修身直筒");
        assertThat(second.path("sub_scores").has("image")).as("a blue photo says nothing about a red dress: no evidence").isFalse();
        assertSortedWithBands(body.path("results"));
    }

    @Test
    void aMessageDeliveredTwiceGivesTwoResultsUnderOneCorrelationId() throws Exception {
        send(JSON.writeValueAsString(Map.of("query", "capital of Japan", "document", "Tokyo is the capital of Japan.")),
                Map.of("correlation-id", "at-least-once"));

        SqsEventSourceMapping.Delivery delivery = mapping().deliverOnce(5);
        // SQS may hand the same message to the function again (at-least-once delivery).
        MockLambda.Invocation again = MockLambda.invoke(delivery.event());

        assertThat(again.status()).isEqualTo(200);
        List<ResultsQueue.Result> results = ResultsQueue.take(2);
        assertThat(results).extracting(ResultsQueue.Result::correlationId).containsExactly("at-least-once", "at-least-once");
        assertThat(results.get(0).body().path("score")).isEqualTo(results.get(1).body().path("score"));
    }

    @Test
    void invalidRequestsAreRejectedNamingTheField() throws Exception {
        send("{\"query\": \"q\", \"documents\": []}", Map.of("correlation-id", "empty"));
        send("{\"query\": \"q\", \"documents\": [\"a\"], \"topn\": 3}", Map.of("correlation-id", "typo"));
        send("{\"query\": \"q\", \"documents\": [\"a\"], \"top_n\": 2.5}", Map.of("correlation-id", "fraction"));
        send("{\"query\": \"q\", \"document\": \"d\"}", Map.of("correlation-id", "wrong-function", "function", "rank"));
        send("[1, 2]", Map.of("correlation-id", "array"));
        send("{\"query\": \"q\", \"documents\": [{\"image_base64\": \"bm90IGFuIGltYWdl\"}]}", Map.of("correlation-id", "bad-image"));

        SqsEventSourceMapping.Delivery delivery = mapping().deliverOnce(5);

        assertThat(delivery.event().path("Records")).hasSize(6);
        assertThat(delivery.failed()).as("input that can never score is not retried").isEmpty();
        Map<String, ResultsQueue.Result> results = byCorrelationId(ResultsQueue.take(6));
        Map<String, String> fields = new HashMap<>();
        Map<String, Integer> statuses = new HashMap<>();
        results.forEach((id, result) -> {
            assertThat(result.attributes()).containsEntry("outcome", "rejected");
            fields.put(id, result.body().path("field").asText());
            statuses.put(id, result.body().path("status").asInt());
        });
        assertThat(fields).containsExactlyInAnyOrderEntriesOf(Map.of("empty", "documents", "typo", "topn", "fraction", "top_n",
                "wrong-function", "function", "array", "body", "bad-image", "documents[0].image_base64"));
        assertThat(statuses.get("bad-image")).isBetween(400, 499);
        assertThat(statuses.get("fraction")).isEqualTo(400);
        assertRequestQueueEmpty();
    }

    @Test
    void aResultTooLargeForAMessageBecomesA413Problem() throws Exception {
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            documents.add(("Document " + i + " about rivers and their deltas. ").repeat(300));
        }
        send(JSON.writeValueAsString(Map.of("query", "river deltas", "documents", documents, "return_documents", true)),
                Map.of("correlation-id", "too-large"));

        SqsEventSourceMapping.Delivery delivery = mapping().deliverOnce(5);

        assertThat(delivery.failed()).isEmpty();
        ResultsQueue.Result result = ResultsQueue.take(1).get(0);
        assertThat(result.attributes()).containsEntry("outcome", "rejected").containsEntry("correlation-id", "too-large");
        assertThat(result.body().path("status").asInt()).isEqualTo(413);
        assertThat(result.body().path("detail").asText()).contains("top_n").contains("return_documents");
    }

    private static SqsEventSourceMapping mapping() {
        return new SqsEventSourceMapping(AwsEndpoints.elasticMq().client(), AwsEndpoints.requestsQueue(),
                AwsEndpoints.elasticMq().queueArn(AwsEndpoints.requestsQueue()));
    }

    /** Sends a request as a pipeline does; answers the SQS message id. */
    static String send(String body, Map<String, String> attributes) {
        Map<String, MessageAttributeValue> values = new HashMap<>();
        attributes.forEach((name, value) -> values.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return AwsEndpoints.elasticMq().client().sendMessage(builder -> builder.queueUrl(AwsEndpoints.requestsQueue())
                .messageBody(body).messageAttributes(values)).messageId();
    }

    private static Map<String, ResultsQueue.Result> byCorrelationId(List<ResultsQueue.Result> results) {
        return results.stream().collect(Collectors.toMap(ResultsQueue.Result::correlationId, Function.identity()));
    }

    private static void assertSortedWithBands(JsonNode results) {
        double previous = Double.MAX_VALUE;
        for (JsonNode result : results) {
            double score = result.path("score").asDouble();
            assertThat(score).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            assertThat(result.path("band").asText()).isEqualTo(score > 0.7 ? "high" : score < 0.4 ? "low" : "medium");
            previous = score;
        }
    }

    private static void assertRequestQueueEmpty() {
        var attributes = AwsEndpoints.elasticMq().client().getQueueAttributes(builder -> builder
                .queueUrl(AwsEndpoints.requestsQueue()).attributeNamesWithStrings("All")).attributesAsStrings();
        assertThat(attributes.get("ApproximateNumberOfMessages")).isEqualTo("0");
        assertThat(attributes.get("ApproximateNumberOfMessagesNotVisible")).isEqualTo("0");
    }
}
