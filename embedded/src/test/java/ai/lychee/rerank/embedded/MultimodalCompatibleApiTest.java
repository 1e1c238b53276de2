package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two multimodal shapes other rerankers' clients send to {@code /v1/rerank}: jina-reranker-m0's (a query or
 * document as {@code {"image": url-or-base64}} or {@code {text, image}}) and vLLM's OpenAI-style content parts
 * ({@code {"content": [{"type": "text"}, {"type": "image_url", "image_url": {"url"}}]}}). They are scored as our own
 * {@code image_base64} / {@code image_url}, under the same limits and URL rules, and bad input names the client's field.
 */
@QuarkusTest
class MultimodalCompatibleApiTest {

    private static final String BLUE = TestPictures.solid(new Color(30, 60, 220), 300, 300);
    private static final String RED = TestPictures.solid(new Color(220, 20, 30), 300, 300);

    private static JsonPath rerank(Map<String, Object> body, int status) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/rerank")
                .then().statusCode(status).extract().jsonPath();
    }

    private static Map<String, Object> imagePart(String url) {
        return Map.of("type", "image_url", "image_url", Map.of("url", url));
    }

    @Test
    void jinaImageDocumentsAreScoredLikeOurs() {
        JsonPath jina = rerank(Map.of("model", "jina-reranker-m0", "query", "red",
                "documents", List.of(Map.of("image", BLUE), Map.of("image", RED))), 200);
        JsonPath ours = given().contentType(ContentType.JSON)
                .body(Map.of("query", "red", "documents", List.of(Map.of("image_base64", BLUE), Map.of("image_base64", RED))))
                .post("/api/rerank").then().statusCode(200).extract().jsonPath();
        assertThat(jina.getInt("results[0].index")).isEqualTo(1);
        assertThat(jina.getDouble("results[0].relevance_score")).isEqualTo(ours.getDouble("results[0].score"));
        assertThat(jina.getDouble("results[1].relevance_score")).isEqualTo(ours.getDouble("results[1].score"));
    }

    @Test
    void jinaImageQueryAndTextWithImageDocument() {
        JsonPath body = rerank(Map.of("query", Map.of("image", "data:image/png;base64," + RED),
                "documents", List.of(Map.of("text", "a blue square", "image", BLUE), Map.of("text", "a red square", "image", RED)),
                "return_documents", true), 200);
        assertThat(body.getInt("results[0].index")).isEqualTo(1);
        assertThat(body.getString("results[0].document.text")).isEqualTo("a red square");
        assertThat(body.getString("results[0].document.image")).isEqualTo(RED);
    }

    @Test
    void vllmContentPartsMakeOneDocumentEach() {
        JsonPath body = rerank(Map.of("model", "lychee-rerank-mm", "query", Map.of("content", List.of(Map.of("type", "text", "text", "红色"))),
                "documents", List.of(
                        Map.of("content", List.of(imagePart("data:image/png;base64," + BLUE))),
                        Map.of("content", List.of(Map.of("type", "text", "text", "红色的方块"), imagePart("data:image/png;base64," + RED))),
                        "蓝色的方块")), 200);
        assertThat(body.getList("results")).hasSize(3);
        assertThat(body.getInt("results[0].index")).isEqualTo(1);
    }

    @Test
    void badMultimodalInputNamesTheClientsField() {
        String unreachable = "http://127.0.0.1/secret.png";
        problem(Map.of("query", "q", "documents", List.of("a", Map.of("content", List.of(Map.of("type", "text", "text", "x"), imagePart(unreachable))))),
                400, "documents[1].content[1].image_url.url");
        problem(Map.of("query", "q", "documents", List.of(Map.of("content", List.of(Map.of("type", "video_url", "video_url", Map.of("url", "https://x/v.mp4")))))),
                400, "documents[0].content[0].type");
        problem(Map.of("query", "q", "documents", List.of(Map.of("content", List.of(imagePart("data:image/png;base64," + RED), imagePart("data:image/png;base64," + BLUE))))),
                400, "documents[0].content[1]");
        problem(Map.of("query", "q", "documents", List.of(Map.of("content", List.of(Map.of("type", "image_url"))))),
                400, "documents[0].content[0].image_url.url");
        problem(Map.of("query", "q", "documents", List.of(Map.of("content", List.of()))), 400, "documents[0].content");
        problem(Map.of("query", Map.of("image", "not base64 at all!"), "documents", List.of("a")), 400, "query.image");
        problem(Map.of("query", "q", "documents", List.of(Map.of("image", "https://169.254.169.254/latest/meta-data"))), 400, "documents[0].image");
        problem(Map.of("query", "q", "documents", List.of(Map.of("text", "x", "content", List.of(Map.of("type", "text", "text", "y"))))),
                400, "documents[0]");
        problem(Map.of("query", "q", "documents", List.of(Map.of("content", List.of(imagePart("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="))))),
                415, "documents[0].content[0].image_url.url");
        problem(Map.of("query", "x".repeat(20_001), "documents", List.of("a")), 413, "query");
        // and the service goes on scoring
        rerank(Map.of("query", "red", "documents", List.of(Map.of("image", RED))), 200);
    }

    private static void problem(Map<String, Object> body, int status, String field) {
        given().contentType(ContentType.JSON).body(body).post("/v1/rerank")
                .then().statusCode(status).contentType("application/problem+json")
                .body("field", equalTo(field));
    }
}
