package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad request gets a 4xx RFC 7807 problem that names the field at fault, and the service keeps
 * serving: after each case a normal request is answered correctly.
 */
@QuarkusTest
class BadInputTest {

    static List<Arguments> badRequests() {
        String longText = "x".repeat(20_001);
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "document " + i).toList();
        return List.of(
                Arguments.of("/api/rerank", "{\"documents\": [\"a\"]}", 400, "query"),
                Arguments.of("/api/rerank", "{\"query\": \"\", \"documents\": [\"a\"]}", 400, "query"),
                Arguments.of("/api/rerank", "{\"query\": \"   \", \"documents\": [\"a\"]}", 400, "query"),
                Arguments.of("/api/rerank", "{\"query\": \"q\"}", 400, "documents"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": []}", 400, "documents"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": [\"a\", null]}", 400, "documents[1]"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": [\"a\", {}]}", 400, "documents[1]"),
                Arguments.of("/api/rerank", json(Map.of("query", "q", "documents", tooMany)), 413, "documents"),
                Arguments.of("/api/rerank", json(Map.of("query", longText, "documents", List.of("a"))), 413, "query.text"),
                Arguments.of("/api/rerank", json(Map.of("query", "q", "documents", List.of("a", longText))), 413, "documents[1].text"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": [\"a\"", 400, "body"),
                Arguments.of("/api/rerank", "not json at all", 400, "body"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": 5}", 400, "documents"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": [\"a\"], \"top_n\": \"three\"}", 400, "top_n"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": [\"a\"], \"top_n\": 0}", 400, "top_n"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": [\"a\"], \"top_n\": -3}", 400, "top_n"),
                Arguments.of("/api/rerank", "{\"query\": [1, 2], \"documents\": [\"a\"]}", 400, "query"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": [\"a\"], \"instruction\": \"ecommerce-serch\"}", 400, "instruction"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": [\"a\"], \"topn\": 3}", 400, "topn"),
                Arguments.of("/api/rerank", "{\"query\": \"q\", \"documents\": [{\"txt\": \"a\"}]}", 400, "documents[0].txt"),
                Arguments.of("/api/score", "{\"query\": \"q\"}", 400, "document"),
                Arguments.of("/api/score", "{\"document\": \"d\"}", 400, "query"),
                Arguments.of("/api/score", "", 400, "body"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("badRequests")
    void isRefusedWithAProblemNamingTheField(String path, String body, int status, String field) {
        given().contentType(ContentType.JSON).body(body)
                .post(path)
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("field", equalTo(field))
                .body("title", org.hamcrest.Matchers.notNullValue())
                .body("detail", org.hamcrest.Matchers.notNullValue());
    }

    @AfterEach
    void serviceStillAnswers() {
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "中国的首都是哪里?", "documents", List.of("上海是中国的经济中心", "北京是中华人民共和国的首都")))
                .post("/api/rerank")
                .then().statusCode(200)
                .body("results[0].index", equalTo(1));
    }

    @org.junit.jupiter.api.Test
    void unknownPresetListsTheKnownOnes() {
        given().contentType(ContentType.JSON)
                .body("{\"query\": \"q\", \"documents\": [\"a\"], \"instruction\": \"ecommerce-serch\"}")
                .post("/api/rerank")
                .then().statusCode(400)
                .body("detail", containsString("ecommerce-search"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("badImages")
    void badImagesAreRefusedNamingTheDocument(Map<String, Object> document, int status, String field) {
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "q", "documents", List.of("fine text", document)))
                .post("/api/rerank")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("field", equalTo(field));
    }

    static List<Arguments> badImages() {
        String svg = java.util.Base64.getEncoder().encodeToString(
                "<svg xmlns='http://www.w3.org/2000/svg'><rect width='10' height='10'/></svg>".getBytes());
        String text = java.util.Base64.getEncoder().encodeToString("just some text, not a picture".getBytes());
        return List.of(
                Arguments.of(Map.of("image_url", "http://127.0.0.1:7860/secret.png"), 400, "documents[1].image_url"),
                Arguments.of(Map.of("image_url", "http://169.254.169.254/latest/meta-data/"), 400, "documents[1].image_url"),
                Arguments.of(Map.of("image_url", "http://10.0.0.5/a.png"), 400, "documents[1].image_url"),
                Arguments.of(Map.of("image_url", "file:///etc/passwd"), 400, "documents[1].image_url"),
                Arguments.of(Map.of("image_base64", "!!not base64!!"), 400, "documents[1].image_base64"),
                Arguments.of(Map.of("image_base64", svg), 415, "documents[1].image_base64"),
                Arguments.of(Map.of("image_base64", text), 415, "documents[1].image_base64"));
    }

    @org.junit.jupiter.api.Test
    void wrongMethodAndUnknownPathAreProblems() {
        given().get("/api/rerank").then().statusCode(405);
        given().contentType(ContentType.JSON).body("{}").post("/api/nothing-here").then().statusCode(404);
    }

    private static String json(Map<String, Object> value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
