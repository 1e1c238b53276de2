package ai.lychee.rerank.functions.aws.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lychee.rerank.functions.aws.testing.AwsApiRecorder;
import ai.lychee.rerank.functions.aws.testing.ElasticMqServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * What each destination sends, through the real AWS SDK clients: to ElasticMQ for SQS (received back from it),
 * to a recording loopback endpoint for SNS and EventBridge (the request as it left the client).
 */
class ResultDestinationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:lychee-results";
    private static final String BUS = "arn:aws:events:eu-west-1:123456789012:event-bus/support";

    private static AwsApiRecorder recorder;
    private static ElasticMqServer elasticMq;

    private final EventResult scored = EventResult.scored("reply-42", "reply-check", "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
            JSON.createObjectNode().put("score", 0.8123).put("band", "high").put("model", "lite"));
    private final EventResult rejected = EventResult.rejected("req-7", "rerank", null,
            JSON.createObjectNode().put("status", 400).put("field", "documents").put("detail", "documents is empty"));

    @BeforeAll
    static void start() {
        recorder = AwsApiRecorder.start();
        elasticMq = ElasticMqServer.start();
    }

    @AfterAll
    static void stop() {
        recorder.close();
        elasticMq.close();
    }

    @BeforeEach
    void clear() {
        recorder.clear();
    }

    @Test
    void snsPublishCarriesTheHttpBodyAndTheAttributesToFilterOn() throws Exception {
        try (SnsClient sns = SnsClient.builder().endpointOverride(recorder.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            new SnsResultTopic(sns, TOPIC).send(rejected, JSON.writeValueAsString(rejected.body()), JSON.writeValueAsString(rejected));
        }

        assertThat(recorder.requests()).hasSize(1);
        AwsApiRecorder.Request request = recorder.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
                .contains("/eu-west-1/sns/aws4_request");
        Map<String, String> form = request.form();
        assertThat(form).containsEntry("Action", "Publish").containsEntry("Version", "2010-03-31").containsEntry("TopicArn", TOPIC);
        assertThat(JSON.readTree(form.get("Message"))).isEqualTo(rejected.problem());
        assertThat(snsAttributes(form)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "correlation-id", "req-7", "outcome", "rejected", "function", "rerank", "content-type", "application/problem+json"));
    }

    @Test
    void eventBridgePutEventsCarriesTheWholeResultAsDetail() throws Exception {
        try (EventBridgeClient events = eventBridge()) {
            new EventBridgeResultBus(events, BUS, "lychee.rerank").send(scored, JSON.writeValueAsString(scored.body()), JSON.writeValueAsString(scored));
        }

        assertThat(recorder.requests()).hasSize(1);
        AwsApiRecorder.Request request = recorder.requests().get(0);
        assertThat(request.headers()).containsEntry("x-amz-target", "AWSEvents.PutEvents")
                .containsEntry("content-type", "application/x-amz-json-1.1");
        assertThat(request.headers().get("authorization")).contains("/eu-west-1/events/aws4_request");
        JsonNode entries = JSON.readTree(request.body()).path("Entries");
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("EventBusName").asText()).isEqualTo(BUS);
        assertThat(entry.path("Source").asText()).isEqualTo("lychee.rerank");
        assertThat(entry.path("DetailType").asText()).isEqualTo("Reply Check Result");
        JsonNode detail = JSON.readTree(entry.path("Detail").asText());
        assertThat(detail.path("correlation_id").asText()).isEqualTo("reply-42");
        assertThat(detail.path("outcome").asText()).isEqualTo("scored");
        assertThat(detail.path("source_event_id").asText()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        assertThat(detail.path("result").path("band").asText()).isEqualTo("high");
        assertThat(detail.has("problem")).isFalse();
    }

    @Test
    void anEntryEventBridgeDidNotTakeIsAFailureNotASilentLoss() {
        recorder.failNextPutEvents();
        try (EventBridgeClient events = eventBridge()) {
            assertThatThrownBy(() -> new EventBridgeResultBus(events, BUS, "lychee.rerank").send(scored, "{}", "{}"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("ThrottlingException").hasMessageContaining("reply-42");
        }
    }

    @Test
    void sqsMessageIsTheHttpBodyWithTheResultAttributes() throws Exception {
        String queue = elasticMq.createQueue("results-" + System.nanoTime(), Map.of());

        new SqsResultQueue(elasticMq.client(), queue).send(scored, JSON.writeValueAsString(scored.body()), JSON.writeValueAsString(scored));

        List<Message> received = elasticMq.client().receiveMessage(builder -> builder.queueUrl(queue).maxNumberOfMessages(10)
                .waitTimeSeconds(2).messageAttributeNames("All")).messages();
        assertThat(received).hasSize(1);
        assertThat(JSON.readTree(received.get(0).body())).isEqualTo(scored.result());
        Map<String, String> attributes = new HashMap<>();
        received.get(0).messageAttributes().forEach((name, value) -> attributes.put(name, stringOf(value)));
        assertThat(attributes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "correlation-id", "reply-42", "outcome", "scored", "function", "reply-check", "content-type", "application/json"));
    }

    @Test
    void detailTypesNameTheFunction() {
        assertThat(scored.detailType()).isEqualTo("Reply Check Result");
        assertThat(rejected.detailType()).isEqualTo("Rerank Result");
        assertThat(EventResult.scored("c", "score", null, JSON.createObjectNode()).detailType()).isEqualTo("Score Result");
        assertThat(EventResult.rejected("c", null, null, JSON.createObjectNode()).detailType()).isEqualTo("Request Result");
    }

    private static EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().endpointOverride(recorder.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String stringOf(MessageAttributeValue value) {
        assertThat(value.dataType()).isEqualTo("String");
        return value.stringValue();
    }

    /** MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue, as the query protocol spells a map. */
    private static Map<String, String> snsAttributes(Map<String, String> form) {
        Map<String, String> attributes = new HashMap<>();
        for (int n = 1; form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n;
            assertThat(form.get(prefix + ".Value.DataType")).isEqualTo("String");
            attributes.put(form.get(prefix + ".Name"), form.get(prefix + ".Value.StringValue"));
        }
        return attributes;
    }
}
