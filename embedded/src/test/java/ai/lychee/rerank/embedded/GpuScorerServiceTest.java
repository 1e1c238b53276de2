package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service with the GPU scorer (lychee-rerank-mm on the CPU, a tiny random checkpoint with the real layout): an
 * image query through the HTTP API is scored with the shared plan, and photos seen by an earlier request come from
 * the vision cache, as /q/metrics counts.
 */
@QuarkusTest
@TestProfile(GpuScorerServiceTest.TinyMmProfile.class)
class GpuScorerServiceTest {

    /** lychee.model=lychee-rerank-mm on the tiny checkpoint models/scripts/TinyQwen25VlCheckpoint.java writes. */
    public static class TinyMmProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("lychee-tiny-mm");
                Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("models/scripts/TinyQwen25VlCheckpoint.java");
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        script.toString(), dir.toString()).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (p.waitFor() != 0) {
                    throw new IllegalStateException(output);
                }
                return Map.of("lychee.model", "lychee-rerank-mm", "lychee.worker.mm.model-dir", dir.toString(),
                        "lychee.worker.mm.device", "cpu");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static final String QUERY_PHOTO = TestPictures.solid(new Color(200, 30, 40), 84, 56);
    static final String SHOE = TestPictures.solid(new Color(30, 60, 220), 56, 56);

    static JsonPath rerank(String... documentTexts) {
        List<Map<String, String>> documents = List.of(
                Map.of("text", documentTexts[0], "image_base64", SHOE),
                Map.of("text", documentTexts[1]),
                Map.of("text", documentTexts[2], "image_base64", SHOE));
        return given().contentType(ContentType.JSON)
                .body(Map.of("query", Map.of("text", "this in blue?", "image_base64", QUERY_PHOTO), "documents", documents))
                .post("/api/rerank").then().statusCode(200).extract().jsonPath();
    }

    static double metric(String name) {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .sum(name, Map.of());
    }

    @Test
    void anImageQueryIsScoredAndRepeatedPhotosComeFromTheVisionCache() {
        double missesBefore = metric("lychee_mm_vision_cache_misses_total");
        double hitsBefore = metric("lychee_mm_vision_cache_hits_total");
        JsonPath first = rerank("blue shoe", "a hat", "another blue shoe");
        assertThat(first.getList("results")).hasSize(3);
        assertThat(first.getString("model")).isEqualTo("lychee-rerank-mm");
        List<Float> scores = first.getList("results.score", Float.class);
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // the query photo and the shoe: two distinct images, each through the tower once
        assertThat(metric("lychee_mm_vision_cache_misses_total") - missesBefore).isEqualTo(2.0);

        rerank("blue sneaker", "a cap", "navy shoe");
        assertThat(metric("lychee_mm_vision_cache_misses_total") - missesBefore).isEqualTo(2.0);
        assertThat(metric("lychee_mm_vision_cache_hits_total") - hitsBefore).isEqualTo(2.0);
        assertThat(metric("lychee_mm_vision_cache_entries")).isEqualTo(2.0);
        assertThat(metric("lychee_mm_vision_cache_bytes")).isPositive();
    }
}
