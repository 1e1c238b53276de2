package ai.lychee.rerank.embedded.clients;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.cohere.CohereScoringModel;
import dev.langchain4j.model.jina.JinaScoringModel;
import dev.langchain4j.model.output.Response;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's scoring models, Cohere's and Jina's, with their base URL on this service: scores come back per
 * segment in the order given (our own API's scores, to the float precision REST Assured reads them in), and Jina's
 * reads the tokens the model read from {@code usage}: all of them the first time, none when the same request is
 * answered from the hot-query cache.
 */
@QuarkusTest
class LangChain4jScoringTest {

    @TestHTTPResource("/v1/")
    URL v1;

    static final List<String> PASSAGES = List.of(
            "Bananas are rich in potassium and grow in tropical climates.",
            "Mount Everest is the highest mountain above sea level, on the border of Nepal and China.",
            "The Eiffel Tower was completed in 1889 for the World's Fair in Paris.");

    private static List<TextSegment> segments() {
        return PASSAGES.stream().map(TextSegment::from).toList();
    }

    private static List<Double> ourScores(String query) {
        JsonPath body = given().contentType(ContentType.JSON).body(Map.of("query", query, "documents", PASSAGES))
                .post("/api/rerank").then().statusCode(200).extract().jsonPath();
        Double[] byIndex = new Double[PASSAGES.size()];
        for (int i = 0; i < PASSAGES.size(); i++) {
            byIndex[body.getInt("results[" + i + "].index")] = body.getDouble("results[" + i + "].score");
        }
        return List.of(byIndex);
    }

    @Test
    void cohereScoringModelScoresEverySegmentInOrder() {
        String query = "What is the tallest mountain in the world?";
        CohereScoringModel model = CohereScoringModel.builder().baseUrl(v1.toString()).apiKey("not-checked")
                .modelName("rerank-multilingual-v3.0").build();
        Response<List<Double>> scored = model.scoreAll(segments(), query);

        List<Double> scores = scored.content();
        assertThat(scores).hasSize(3);
        assertThat(scores.get(1)).isGreaterThan(scores.get(0)).isGreaterThan(scores.get(2));
        List<Double> ours = ourScores(query);
        for (int i = 0; i < scores.size(); i++) {
            assertThat(scores.get(i)).isCloseTo(ours.get(i), within(1e-6));
        }
        assertThat(scored.tokenUsage().inputTokenCount()).isEqualTo(1); // Cohere's search units
    }

    @Test
    void jinaScoringModelReadsHonestTokenUsage() {
        String query = "When was the Eiffel Tower built?";
        JinaScoringModel model = JinaScoringModel.builder().baseUrl(v1.toString()).apiKey("not-checked")
                .modelName("jina-reranker-m0").build();
        Response<List<Double>> first = model.scoreAll(segments(), query);

        assertThat(first.content()).hasSize(3);
        assertThat(first.content().get(2)).isGreaterThan(first.content().get(0)).isGreaterThan(0.0);
        assertThat(first.content().get(2)).isGreaterThan(first.content().get(1));
        int read = ModelTokens.englishRequest(query, PASSAGES);
        assertThat(first.tokenUsage().inputTokenCount()).isEqualTo(read);
        assertThat(first.tokenUsage().totalTokenCount()).isEqualTo(read);

        Response<List<Double>> again = model.scoreAll(segments(), query);
        assertThat(again.content()).isEqualTo(first.content());
        assertThat(again.tokenUsage().inputTokenCount()).isZero(); // every score came from the hot-query cache
    }
}
