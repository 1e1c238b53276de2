package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.awt.Color;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The monitoring the seeds ask for moves as requests come in, by the figures the answers themselves carry: results
 * per band, the score histogram, the first and the best-three mean in the order sent and after reranking, image
 * verdicts and flags, conversions, per-stage latency; and labels stay within their bounded sets
 * ({@code %test.lychee.metrics.business-lines=shop,support}).
 */
@QuarkusTest
class QualityMetricsTest {

    static final List<String> DOCUMENTS = List.of(
            "Bananas grow in the tropics.",
            "The capital of France is Paris.",
            "Paris is the capital and largest city of France, on the Seine.",
            "France borders Spain and Germany.");

    private static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void aRankedRequestMovesBandsHistogramAndTopScores() {
        PrometheusText before = scrape();
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("query", "What is the capital of France?", "documents", DOCUMENTS,
                        "instruction", "knowledge-qa", "business_line", "Shop"))
                .post("/api/rerank").then().statusCode(200).extract().jsonPath();
        PrometheusText after = scrape();

        double[] sent = new double[DOCUMENTS.size()];
        for (int i = 0; i < sent.length; i++) {
            sent[body.getInt("results[" + i + "].index")] = body.getDouble("results[" + i + "].score");
        }
        double[] best = Arrays.stream(sent).map(d -> -d).sorted().map(d -> -d).toArray();
        Map<String, String> labels = Map.of("model", "lite", "preset", "knowledge-qa", "business_line", "shop");
        for (String band : List.of("high", "medium", "low")) {
            long expected = body.getList("results.band").stream().filter(band::equals).count();
            assertThat(delta(before, after, "lychee_results_total", with(labels, "band", band))).as(band).isEqualTo(expected);
        }
        assertThat(delta(before, after, "lychee_result_score_percent_count", labels)).isEqualTo(4);
        assertThat(delta(before, after, "lychee_result_score_percent_sum", labels))
                .isCloseTo(100 * Arrays.stream(sent).sum(), within(0.01));
        long atMost40 = Arrays.stream(sent).filter(s -> s <= 0.4).count();
        assertThat(delta(before, after, "lychee_result_score_percent_bucket", with(labels, "le", "40.0"))).isEqualTo(atMost40);

        assertThat(topSum(before, after, labels, "top1", "sent")).isCloseTo(100 * sent[0], within(0.01));
        assertThat(topSum(before, after, labels, "top1", "reranked")).isCloseTo(100 * best[0], within(0.01));
        assertThat(topSum(before, after, labels, "top3_mean", "sent")).isCloseTo(100 * (sent[0] + sent[1] + sent[2]) / 3, within(0.01));
        assertThat(topSum(before, after, labels, "top3_mean", "reranked")).isCloseTo(100 * (best[0] + best[1] + best[2]) / 3, within(0.01));
        assertThat(best[0]).isGreaterThan(sent[0]); // the request was worth reranking: what the two series show

        assertThat(delta(before, after, "lychee_request_stage_seconds_count", Map.of("stage", "validate"))).isEqualTo(1);
        assertThat(delta(before, after, "lychee_request_stage_seconds_count", Map.of("stage", "total"))).isEqualTo(1);
        assertThat(delta(before, after, "lychee_request_stage_seconds_count", Map.of("stage", "cache"))).isEqualTo(1);
        assertThat(delta(before, after, "lychee_request_stage_seconds_count", Map.of("stage", "worker"))).isEqualTo(1);
        assertThat(delta(before, after, "lychee_worker_stage_seconds_count", Map.of("stage", "job"))).isEqualTo(1);
        assertThat(delta(before, after, "lychee_worker_stage_seconds_count", Map.of("stage", "queue"))).isPositive();
    }

    @Test
    void labelsComeFromBoundedSets() {
        for (int i = 0; i < 30; i++) {
            given().contentType(ContentType.JSON).header("X-Lychee-Business-Line", "campaign-" + i)
                    .body(Map.of("model", "x", "query", "q" + i, "documents", List.of("d"), "instruction", "free text number " + i))
                    .post("/v1/rerank").then().statusCode(200);
        }
        given().contentType(ContentType.JSON).header("X-Lychee-Business-Line", "support")
                .body(Map.of("query", "中国的首都是哪里?", "texts", List.of("北京是中华人民共和国的首都")))
                .post("/rerank").then().statusCode(200);
        PrometheusText after = scrape();
        assertThat(after.labelValues("lychee_results_total", "business_line")).isSubsetOf("shop", "support", "other", "none")
                .contains("other", "support");
        assertThat(after.labelValues("lychee_results_total", "preset")).contains("custom")
                .allSatisfy(p -> assertThat(p).matches("default|custom|[a-z-]+"))
                .noneMatch(p -> p.startsWith("free text"));
    }

    @Test
    void conversionsAreCountedPerBandBesideTheirResults() {
        PrometheusText before = scrape();
        given().contentType(ContentType.JSON)
                .body(Map.of("converted", List.of(0.55, 0.91, 0.62), "instruction", "ecommerce-search", "business_line", "shop"))
                .post("/api/feedback").then().statusCode(202)
                .body("recorded", equalTo(3)).body("preset", equalTo("ecommerce-search")).body("business_line", equalTo("shop"));
        PrometheusText after = scrape();
        Map<String, String> labels = Map.of("preset", "ecommerce-search", "business_line", "shop");
        assertThat(delta(before, after, "lychee_conversions_total", with(labels, "band", "medium"))).isEqualTo(2);
        assertThat(delta(before, after, "lychee_conversions_total", with(labels, "band", "high"))).isEqualTo(1);

        problem(Map.of("converted", List.of(0.5, 1.5)), "converted[1]");
        problem(Map.of("converted", List.of()), "converted");
        problem(Map.of("converted", List.of(0.5), "instruction", "no-such-preset"), "instruction");
        problem(Map.of("converted", "0.5"), "converted");
        assertThat(delta(before, scrape(), "lychee_conversions_total", labels)).isEqualTo(3);
    }

    @Test
    void imageVerdictsAndFlagsAreCounted() {
        PrometheusText before = scrape();
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "summer sale", "document", Map.of(
                        "text", "Summer sale: everything half price",
                        "image_base64", TestPictures.text("WINTER COATS", 640, 160))))
                .post("/api/score").then().statusCode(200).body("consistency", equalTo("split"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "red", "document", Map.of("image_base64", TestPictures.solid(new Color(210, 30, 40), 120, 120))))
                .post("/api/score").then().statusCode(200);
        PrometheusText after = scrape();
        assertThat(delta(before, after, "lychee_result_consistency_total", Map.of("verdict", "split"))).isEqualTo(1);
        assertThat(delta(before, after, "lychee_result_flags_total", Map.of("flag", "low_resolution"))).isEqualTo(1);
        assertThat(delta(before, after, "lychee_worker_stage_seconds_count", Map.of("stage", "image_decode"))).isPositive();
        assertThat(delta(before, after, "lychee_worker_stage_seconds_count", Map.of("stage", "image_ocr"))).isPositive();
    }

    private static void problem(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/api/feedback")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
    }

    private static double topSum(PrometheusText before, PrometheusText after, Map<String, String> labels, String rank, String order) {
        Map<String, String> match = with(with(labels, "rank", rank), "order", order);
        assertThat(delta(before, after, "lychee_request_top_score_percent_count", match)).isEqualTo(1);
        return delta(before, after, "lychee_request_top_score_percent_sum", match);
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> match) {
        return after.sum(name, match) - before.sum(name, match);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new HashMap<>(labels);
        out.put(key, value);
        return out;
    }
}
