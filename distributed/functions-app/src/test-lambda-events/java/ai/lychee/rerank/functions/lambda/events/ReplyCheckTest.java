package ai.lychee.rerank.functions.lambda.events;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lychee.rerank.functions.aws.testing.AwsApiRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer-service check on EventBridge: a "reply sent" event, delivered as a rule delivers it, is scored by
 * the {@code score} function (question as query, reply and its screenshot as document, the customer-service preset),
 * and a "Reply Check Result" event goes back on the bus: the PutEvents request the SDK sends is checked as sent.
 */
@QuarkusTest
@TestProfile(ReplyCheckProfile.class)
class ReplyCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void clear() {
        AwsEndpoints.recorder().clear();
    }

    @Test
    void aReplySentEventIsScoredAndTheResultEventPublishedBack() throws Exception {
        ObjectNode detail = ReplySentEvents.detail("reply-9001");
        detail.putObject("question").put("text", "How do I reset my password?");
        detail.putObject("reply").put("text", "You can reset your password from the account page.")
                .put("image_base64", TestImages.screenshot("Settings > Account", "Reset password", "Send reset link"));
        ObjectNode event = ReplySentEvents.event(detail);

        MockLambda.Invocation invocation = MockLambda.invoke(event);

        assertThat(invocation.status()).as(invocation.body()).isEqualTo(200);
        JsonNode answer = invocation.json();
        assertThat(answer.path("correlation_id").asText()).isEqualTo("reply-9001");
        assertThat(answer.path("function").asText()).isEqualTo("reply-check");
        assertThat(answer.path("outcome").asText()).isEqualTo("scored");
        assertThat(answer.path("source_event_id").asText()).isEqualTo(event.path("id").asText());
        JsonNode result = answer.path("result");
        double score = result.path("score").asDouble();
        assertThat(score).isBetween(0.0, 1.0);
        assertThat(result.path("band").asText()).isEqualTo(score > 0.7 ? "high" : score < 0.4 ? "low" : "medium");
        assertThat(result.path("sub_scores").has("image")).as("the screenshot was read").isTrue();
        assertThat(result.path("instruction").asText()).as("the customer-service preset").containsIgnoringCase("customer");

        JsonNode entry = onlyPutEventsEntry();
        assertThat(entry.path("EventBusName").asText()).isEqualTo(AwsEndpoints.BUS);
        assertThat(entry.path("Source").asText()).isEqualTo("lychee.rerank");
        assertThat(entry.path("DetailType").asText()).isEqualTo("Reply Check Result");
        assertThat(JSON.readTree(entry.path("Detail").asText())).as("the event carries what the call answered").isEqualTo(answer);
    }

    @Test
    void anOffTopicReplyScoresBelowAnAnswer() throws Exception {
        double answerScore = score("Where is my parcel? I ordered a week ago.",
                "Your parcel left our warehouse on Monday and will be delivered by Thursday.");
        double offTopic = score("Where is my parcel? I ordered a week ago.",
                "Our stores are open from 9 am to 6 pm on weekdays.");

        assertThat(answerScore).isGreaterThan(offTopic);
        assertThat(AwsEndpoints.recorder().requests()).as("one result event per reply").hasSize(2);
    }

    @Test
    void aReplyEventMissingTheReplyIsRejectedNamingTheEventField() throws Exception {
        ObjectNode detail = ReplySentEvents.detail(null);
        detail.putObject("question").put("text", "我的订单什么时候发货?");
        ObjectNode event = ReplySentEvents.event(detail);

        MockLambda.Invocation invocation = MockLambda.invoke(event);

        assertThat(invocation.status()).as("rejected, not failed: Lambda must not retry it").isEqualTo(200);
        JsonNode answer = invocation.json();
        assertThat(answer.path("outcome").asText()).isEqualTo("rejected");
        assertThat(answer.path("correlation_id").asText()).as("no correlation id: the event id").isEqualTo(event.path("id").asText());
        assertThat(answer.path("problem").path("status").asInt()).isEqualTo(400);
        assertThat(answer.path("problem").path("field").asText()).isEqualTo("detail.reply");
        JsonNode entry = onlyPutEventsEntry();
        assertThat(entry.path("DetailType").asText()).isEqualTo("Reply Check Result");
        assertThat(JSON.readTree(entry.path("Detail").asText()).path("outcome").asText()).isEqualTo("rejected");
    }

    @Test
    void aResultEventEventBridgeDidNotTakeFailsTheCallSoLambdaRetriesIt() throws Exception {
        ObjectNode detail = ReplySentEvents.detail("reply-throttled");
        detail.put("question", "Can I change my delivery address?");
        detail.put("reply", "Yes: open the order and choose Change address before it ships.");
        AwsEndpoints.recorder().failNextPutEvents();

        MockLambda.Invocation failed = MockLambda.invoke(ReplySentEvents.event(detail));
        MockLambda.Invocation retried = MockLambda.invoke(ReplySentEvents.event(detail));

        assertThat(failed.status()).as("a function error, which Lambda retries").isEqualTo(500);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("outcome").asText()).isEqualTo("scored");
        assertThat(AwsEndpoints.recorder().requests()).hasSize(2);
    }

    private static double score(String question, String reply) throws Exception {
        ObjectNode detail = ReplySentEvents.detail(null);
        detail.put("question", question);
        detail.put("reply", reply);
        MockLambda.Invocation invocation = MockLambda.invoke(ReplySentEvents.event(detail));
        assertThat(invocation.status()).as(invocation.body()).isEqualTo(200);
        return invocation.json().path("result").path("score").asDouble();
    }

    private static JsonNode onlyPutEventsEntry() throws Exception {
        List<AwsApiRecorder.Request> requests = AwsEndpoints.recorder().requests();
        assertThat(requests).hasSize(1);
        AwsApiRecorder.Request request = requests.get(0);
        assertThat(request.headers()).containsEntry("x-amz-target", "AWSEvents.PutEvents");
        assertThat(request.headers().get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
                .contains("/eu-west-1/events/aws4_request");
        JsonNode entries = JSON.readTree(request.body()).path("Entries");
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
