package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A repeated request is answered from the hot-query cache, never reaching the worker, and the metrics say so. */
@QuarkusTest
class HotQueryCacheTest {

    @Test
    void repeatedRequestIsServedFromTheCache() {
        Map<String, Object> request = Map.of("query", "cache test " + System.nanoTime(),
                "documents", List.of("first document", "second document", "third document"));
        double hitsBefore = metric("lychee_cache_requests_total\\{result=\"hit\"\\}");
        double missesBefore = metric("lychee_cache_requests_total\\{result=\"miss\"\\}");
        double batchedBefore = metric("lychee_worker_batch_size_sum");

        List<Float> first = given().contentType(ContentType.JSON).body(request).post("/api/rerank")
                .then().statusCode(200).extract().jsonPath().getList("results.score", Float.class);
        double batchedAfterFirst = metric("lychee_worker_batch_size_sum");
        List<Float> second = given().contentType(ContentType.JSON).body(request).post("/api/rerank")
                .then().statusCode(200).extract().jsonPath().getList("results.score", Float.class);

        assertThat(second).isEqualTo(first);
        assertThat(metric("lychee_cache_requests_total\\{result=\"miss\"\\}") - missesBefore).isEqualTo(3);
        assertThat(metric("lychee_cache_requests_total\\{result=\"hit\"\\}") - hitsBefore).isEqualTo(3);
        assertThat(batchedAfterFirst - batchedBefore).isEqualTo(3);
        assertThat(metric("lychee_worker_batch_size_sum")).as("the repeat never reached the worker").isEqualTo(batchedAfterFirst);
    }

    @Test
    void anotherInstructionIsAnotherCacheEntry() {
        String query = "instruction key " + System.nanoTime();
        double missesBefore = metric("lychee_cache_requests_total\\{result=\"miss\"\\}");
        given().contentType(ContentType.JSON).body(Map.of("query", query, "documents", List.of("doc"))).post("/api/rerank")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("query", query, "documents", List.of("doc"), "instruction", "knowledge-qa"))
                .post("/api/rerank").then().statusCode(200);
        assertThat(metric("lychee_cache_requests_total\\{result=\"miss\"\\}") - missesBefore).isEqualTo(2);
    }

    private static double metric(String namePattern) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + namePattern + " ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}
