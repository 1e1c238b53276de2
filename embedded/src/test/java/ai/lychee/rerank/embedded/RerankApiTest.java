package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The native API end to end: HTTP, functions, in-memory channel, batching worker, the real lite model. */
@QuarkusTest
class RerankApiTest {

    @Test
    void scoresAChineseQueryInTheRightBands() {
        // bge-small-zh's bands are those its Chinese set (KUAKE-QTR) implies: a title asking the same thing is high
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "中国的首都是哪里?", "document", "中国的首都是哪个城市"))
                .post("/api/score")
                .then().statusCode(200)
                .body("score", greaterThan(0.7f))
                .body("band", equalTo("high"))
                .body("model", equalTo("lite"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "中国的首都是哪里?", "document", "上海是中国的经济中心"))
                .post("/api/score")
                .then().statusCode(200)
                .body("score", lessThan(0.4f))
                .body("band", equalTo("low"));
    }

    @Test
    void rerankReturnsEveryDocumentSortedWithBands() {
        List<String> documents = List.of(
                "Bananas are rich in potassium and grow in tropical climates.",
                "Paris is the capital and most populous city of France.",
                "The Eiffel Tower is a wrought-iron lattice tower in Paris.",
                "Python is a popular programming language.");
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("query", "What is the capital of France?", "documents", documents))
                .post("/api/rerank")
                .then().statusCode(200)
                .body("model", equalTo("lite"))
                .body("instruction", equalTo("Given a query, retrieve relevant documents."))
                .body("took_ms", notNullValue())
                .extract().jsonPath();
        List<Integer> order = body.getList("results.index", Integer.class);
        List<Float> scores = body.getList("results.score", Float.class);
        assertThat(order).hasSize(4).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(order.get(0)).isEqualTo(1);
        assertThat(scores).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(scores).allSatisfy(s -> assertThat(s).isBetween(0f, 1f));
        for (int i = 0; i < scores.size(); i++) {
            String band = body.getString("results[" + i + "].band");
            float score = scores.get(i);
            assertThat(band).isEqualTo(score > 0.7 ? "high" : score < 0.4 ? "low" : "medium");
        }
        assertThat(body.getString("results[0].document")).isNull();
    }

    @Test
    void topNAndReturnDocumentsShapeTheAnswer() {
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "how do plants make food",
                        "documents", List.of(
                                Map.of("text", "Photosynthesis turns light, water and carbon dioxide into sugar in plants."),
                                "Cars need fuel to run.",
                                Map.of("text", "The stock market fell today.")),
                        "top_n", 2, "return_documents", true))
                .post("/api/rerank")
                .then().statusCode(200)
                .body("results.size()", equalTo(2))
                .body("results[0].index", equalTo(0))
                .body("results[0].document.text", equalTo("Photosynthesis turns light, water and carbon dioxide into sugar in plants."));
    }

    @Test
    void mixedChineseAndEnglishWork() {
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("query", "iPhone 15 手机壳",
                        "documents", List.of("适用于 iPhone 15 的硅胶手机壳,防摔", "Wireless earbuds with noise cancelling", "新鲜草莓 500g")))
                .post("/api/rerank")
                .then().statusCode(200).extract().jsonPath();
        assertThat(body.getInt("results[0].index")).isEqualTo(0);
    }

    @Test
    void presetsAreListedAndChosenByName() {
        given().get("/api/instructions").then().statusCode(200)
                .body("default", equalTo("Given a query, retrieve relevant documents."))
                .body("presets.name", hasItems("default", "ecommerce-search", "knowledge-qa", "lifestyle-posts",
                        "customer-service-reply", "product-main-image", "image-search"))
                .body("presets.find { it.name == 'ecommerce-search' }.title_zh", equalTo("电商搜索"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "running shoes", "documents", List.of("Nike running shoes, size 42"),
                        "instruction", "ecommerce-search"))
                .post("/api/rerank")
                .then().statusCode(200)
                .body("instruction", equalTo("Given a product search query, rank products by how likely the shopper is to buy them."));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "running shoes", "documents", List.of("Nike running shoes"),
                        "instruction", "Rank by how cheap the product is."))
                .post("/api/rerank")
                .then().statusCode(200)
                .body("instruction", equalTo("Rank by how cheap the product is."));
    }

    @Test
    void healthAndMetricsAreOn() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
