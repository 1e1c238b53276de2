package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the bad-input corpus ({@code src/test/resources/bad-inputs/corpus.jsonl}, one case a line) against
 * the running service: every case gets the 4xx it names, as an RFC 7807 problem naming the field at fault
 * (except the few refusals the HTTP decoder makes before any handler runs, marked {@code "problem": false}),
 * never a 5xx and never a hang (each request has a socket timeout). After the whole corpus the service still
 * answers a normal request correctly.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far above any honest answer (the worst case reads a 25 MB body), far below "hangs". */
    private static final int TIMEOUT_MS = 60_000;

    record Case(String name, JsonNode spec) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                BadInputCorpusTest.class.getResourceAsStream("/bad-inputs/corpus.jsonl")), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    JsonNode spec = JSON.readTree(line);
                    cases.add(new Case(spec.path("name").asText(), spec));
                }
            }
        }
        return cases;
    }

    @Test
    @Order(0)
    void theCorpusIsLargeAndItsNamesAreUnique() throws IOException {
        List<Case> cases = corpus();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        assertThat(cases.stream().map(Case::name).distinct().count()).isEqualTo(cases.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Order(1)
    void isRefusedWithTheProblemItNames(Case c) throws IOException {
        JsonNode spec = c.spec();
        Response response = request(spec).request(spec.path("method").asText("POST"), spec.path("path").asText());
        int status = response.statusCode();
        String expected = spec.path("status").asText();
        if (expected.equals("4xx")) {
            assertThat(status).as(c.name() + ": " + response.asString()).isBetween(400, 499);
        } else {
            assertThat(status).as(c.name() + ": " + response.asString()).isEqualTo(Integer.parseInt(expected));
        }
        if (!spec.path("problem").asBoolean(true)) {
            return;
        }
        assertThat(response.contentType()).as(c.name()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.asByteArray());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        JsonNode field = spec.path("field");
        if (field.isTextual()) {
            assertThat(problem.path("field").asText(null)).as(c.name() + ": " + problem).isEqualTo(field.asText());
        }
    }

    @Test
    @Order(2)
    void afterTheWholeCorpusANormalRequestIsAnsweredCorrectly() {
        given().contentType("application/json")
                .body(Map.of("query", "中国的首都是哪里?", "documents", List.of("上海是中国的经济中心", "中国的首都是哪个城市")))
                .post("/api/rerank")
                .then().statusCode(200)
                .body("results[0].index", equalTo(1))
                .body("results[0].band", equalTo("high"));
    }

    /** The case's request exactly as written: content type without an added charset, body bytes as given. */
    private static RequestSpecification request(JsonNode spec) throws IOException {
        RestAssuredConfig config = RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", TIMEOUT_MS)
                        .setParam("http.socket.timeout", TIMEOUT_MS))
                .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false));
        RequestSpecification request = given().config(config);
        if (spec.hasNonNull("content_type")) {
            request.contentType(spec.get("content_type").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> headers = spec.path("headers").fields(); headers.hasNext(); ) {
            Map.Entry<String, JsonNode> header = headers.next();
            String value = header.getValue().asText();
            // "@N": N characters, for headers too long to keep in the file.
            request.header(header.getKey(), value.startsWith("@") ? "h".repeat(Integer.parseInt(value.substring(1))) : value);
        }
        if (spec.has("body")) {
            request.body(spec.get("body").asText().getBytes(StandardCharsets.UTF_8));
        } else if (spec.has("json")) {
            request.body(JSON.writeValueAsBytes(spec.get("json")));
        } else if (spec.has("generator")) {
            BadInputBodies.Body body = BadInputBodies.generate(spec.get("generator").asText());
            if (body.stream() != null) {
                request.body(body.stream());
            } else {
                request.body(body.bytes());
            }
        }
        return request;
    }
}
