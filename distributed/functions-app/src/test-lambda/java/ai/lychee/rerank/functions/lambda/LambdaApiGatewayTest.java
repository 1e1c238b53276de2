package ai.lychee.rerank.functions.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Lambda build of the functions, invoked with API Gateway HTTP API events: the Lambda handler, the REST
 * routes, validation, the instruction templates, the dispatcher and the real lite worker behind it.
 */
@QuarkusTest
@TestProfile(InMemoryWorkerProfile.class)
class LambdaApiGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rerankAnswersEveryDocumentSortedWithBands() throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "query", "What is the capital of France?",
                "documents", List.of(
                        "Bananas are rich in potassium and grow in tropical climates.",
                        "Paris is the capital and most populous city of France.",
                        "The Eiffel Tower is a wrought-iron lattice tower in Paris.",
                        "Python is a popular programming language.")));

        LambdaHandler.Answer answer = LambdaHandler.invoke(ApiGatewayEvent.postJson("/api/rerank", body));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode json = answer.json();
        assertThat(json.path("model").asText()).isEqualTo("lite");
        assertThat(json.path("instruction").asText()).isEqualTo("Given a query, retrieve relevant documents.");
        List<Integer> order = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (JsonNode result : json.path("results")) {
            order.add(result.path("index").asInt());
            double score = result.path("score").asDouble();
            scores.add(score);
            assertThat(score).isBetween(0.0, 1.0);
            assertThat(result.path("band").asText()).isEqualTo(score > 0.7 ? "high" : score < 0.4 ? "low" : "medium");
        }
        assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(order.get(0)).as("the Paris answer first").isEqualTo(1);
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void chineseTextSurvivesTheEventInBothEncodings() throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "query", "中国的首都是哪里?",
                "documents", List.of("上海是中国的经济中心", "北京是中华人民共和国的首都"),
                "return_documents", true));

        for (JsonNode event : List.of(ApiGatewayEvent.postJson("/api/rerank", body),
                ApiGatewayEvent.postJsonBase64("/api/rerank", body))) {
            LambdaHandler.Answer answer = LambdaHandler.invoke(event);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode first = answer.json().path("results").path(0);
            assertThat(first.path("index").asInt()).isEqualTo(1);
            double score = first.path("score").asDouble();
            assertThat(first.path("band").asText()).isEqualTo(score > 0.7 ? "high" : score < 0.4 ? "low" : "medium");
            assertThat(first.path("document").path("text").asText()).isEqualTo("北京是中华人民共和国的首都");
        }
    }

    @Test
    void cohereCompatibleRerankAnswersTheCohereShape() throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "model", "rerank-english-v3.0",
                "query", "What is the capital of the United States?",
                "documents", List.of(
                        "Carson City is the capital city of the American state of Nevada.",
                        "Washington, D.C. is the capital of the United States.",
                        "Capital punishment has existed in the United States since before it was a country."),
                "top_n", 2, "return_documents", true));

        LambdaHandler.Answer answer = LambdaHandler.invoke(ApiGatewayEvent.postJson("/v1/rerank", body));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("id").asText()).isNotBlank();
        assertThat(json.path("results")).hasSize(2);
        assertThat(json.path("results").path(0).path("index").asInt()).isEqualTo(1);
        assertThat(json.path("results").path(0).path("relevance_score").asDouble()).isGreaterThan(0.5);
        assertThat(json.path("results").path(0).path("relevance_score").asDouble())
                .isGreaterThanOrEqualTo(json.path("results").path(1).path("relevance_score").asDouble());
        assertThat(json.path("results").path(0).path("document").path("text").asText())
                .isEqualTo("Washington, D.C. is the capital of the United States.");
        assertThat(json.path("meta").path("api_version").path("version").asText()).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "/api/rerank | {\"query\": \"q\", \"documents\": []}                 | 400 | documents",
            "/api/rerank | {\"documents\": [\"a\"]}                             | 400 | query",
            "/api/rerank | {\"query\": \"q\", \"documents\": [\"a\", null]}      | 400 | documents[1]",
            "/api/rerank | {\"query\": \"q\", \"documents\": [\"a\"], \"topn\": 3} | 400 | topn",
            "/api/rerank | {\"query\": \"q\", \"documents\": [\"a\"]             | 400 | body",
            "/api/rerank | not json at all                                      | 400 | body",
            "/v1/rerank  | {\"model\": \"x\", \"query\": \"q\", \"documents\": []} | 400 | documents",
    })
    void badInputIsAProblemNamingTheField(String path, String body, int status, String field) throws Exception {
        LambdaHandler.Answer answer = LambdaHandler.invoke(ApiGatewayEvent.postJson(path, body));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("field").asText()).isEqualTo(field);
        assertThat(problem.path("type").asText()).startsWith("https://lychee.ai/problems/");
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    @Test
    void instructionPresetsAreListed() throws Exception {
        LambdaHandler.Answer answer = LambdaHandler.invoke(ApiGatewayEvent.get("/api/instructions"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("default").asText()).isEqualTo("Given a query, retrieve relevant documents.");
        List<String> names = new ArrayList<>();
        json.path("presets").forEach(preset -> names.add(preset.path("name").asText()));
        assertThat(names).contains("default", "ecommerce-search", "knowledge-qa", "customer-service-reply");
    }
}
