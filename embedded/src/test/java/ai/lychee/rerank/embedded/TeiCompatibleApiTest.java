package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text Embeddings Inference's routes as TEI integrations call them. No TEI client library is published on Maven
 * Central or npm, so the requests are the ones Dify's TEI provider sends: {@code GET /info} (it takes the first
 * key of {@code model_type}, {@code max_input_length}, {@code max_client_batch_size}), then
 * {@code POST /rerank {query, texts, return_text: true}}.
 */
@QuarkusTest
class TeiCompatibleApiTest {

    static final List<String> TEXTS = List.of("上海是中国的经济中心", "北京是中华人民共和国的首都", "今天天气很好。");

    @Test
    void infoTellsATeiClientThisIsAReranker() {
        JsonPath info = given().get("/info").then().statusCode(200).extract().jsonPath();
        Map<String, Object> modelType = info.getMap("model_type");
        assertThat(modelType.keySet()).containsExactly("reranker");
        assertThat(info.getInt("max_input_length")).isEqualTo(512);
        assertThat(info.getInt("max_client_batch_size")).isEqualTo(100);
        assertThat(info.getString("model_id")).isEqualTo("lite");
    }

    @Test
    void rerankAnswersEveryTextBestFirstWithItsText() {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("query", "中国的首都是哪里?", "texts", TEXTS, "return_text", true))
                .post("/rerank");
        response.then().statusCode(200);
        List<Map<String, Object>> ranks = response.jsonPath().getList("$");
        assertThat(ranks).hasSize(3);
        assertThat(ranks).extracting(r -> r.get("index")).containsExactly(1, 0, 2);
        for (Map<String, Object> r : ranks) {
            assertThat(r.get("text")).isEqualTo(TEXTS.get((Integer) r.get("index")));
        }
        assertThat(((Number) ranks.get(0).get("score")).doubleValue()).isGreaterThan(((Number) ranks.get(1).get("score")).doubleValue());
        assertThat(Integer.parseInt(response.header("x-compute-tokens"))).isPositive();
    }

    @Test
    void rawScoresAreTheLogitsOfTheScores() {
        Map<String, Object> request = Map.of("query", "What is Deep Learning?",
                "texts", List.of("Deep learning is a kind of machine learning with neural networks.", "Bananas are yellow."));
        JsonPath scores = given().contentType(ContentType.JSON).body(request).post("/rerank")
                .then().statusCode(200).extract().jsonPath();
        JsonPath raw = given().contentType(ContentType.JSON).body(withRaw(request)).post("/rerank")
                .then().statusCode(200).extract().jsonPath();
        assertThat(raw.getList("index")).isEqualTo(scores.getList("index"));
        assertThat(raw.getMap("[0]")).doesNotContainKey("text");
        for (int i = 0; i < 2; i++) {
            double p = scores.getDouble("[" + i + "].score");
            assertThat(raw.getDouble("[" + i + "].score")).isCloseTo(Math.log(p / (1 - p)), within(1e-4));
        }
        assertThat(raw.getDouble("[1].score")).isNegative();
    }

    @Test
    void badInputNamesTheTeiField() {
        given().contentType(ContentType.JSON).body(Map.of("query", "q", "texts", List.of("a", " ")))
                .post("/rerank").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("texts[1]"));
        given().contentType(ContentType.JSON).body(Map.of("query", "q", "texts", List.of("a"), "truncation_direction", "left"))
                .post("/rerank").then().statusCode(400).body("field", equalTo("truncation_direction"));
        given().contentType(ContentType.JSON).body(Map.of("texts", List.of("a")))
                .post("/rerank").then().statusCode(400).body("field", equalTo("query"));
        given().contentType(ContentType.JSON).body(Map.of("query", "q", "texts", List.of()))
                .post("/rerank").then().statusCode(400).body("field", equalTo("texts"));
    }

    private static Map<String, Object> withRaw(Map<String, Object> request) {
        Map<String, Object> out = new java.util.HashMap<>(request);
        out.put("raw_scores", true);
        return out;
    }
}
