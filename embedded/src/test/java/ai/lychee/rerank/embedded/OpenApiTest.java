package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/openapi} describes every endpoint, each with an English and a Chinese example (of its request, or of
 * its answer where it takes no body), the Chinese one labelled in Chinese; the Swagger UI is served.
 */
@QuarkusTest
class OpenApiTest {

    static final List<String> ENDPOINTS = List.of("POST /api/rerank", "POST /api/score", "GET /api/instructions",
            "POST /api/feedback", "POST /v1/rerank", "POST /v2/rerank", "POST /rerank", "GET /info");

    @Test
    void everyEndpointHasAnEnglishAndAChineseExample() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> described = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String endpoint = op.getKey().toUpperCase() + " " + path.getKey();
                described.add(endpoint);
                assertThat(op.getValue().path("summary").asText()).as(endpoint).isNotBlank();
                List<JsonNode> exampleSets = new ArrayList<>();
                op.getValue().path("requestBody").path("content").forEach(media -> exampleSets.add(media.path("examples")));
                if (exampleSets.isEmpty()) {
                    op.getValue().path("responses").path("200").path("content").forEach(media -> exampleSets.add(media.path("examples")));
                }
                assertThat(exampleSets).as(endpoint + " has examples").isNotEmpty();
                for (JsonNode examples : exampleSets) {
                    assertThat(examples.has("en") && examples.has("zh")).as(endpoint + ": " + examples).isTrue();
                    JsonNode zh = examples.path("zh");
                    assertThat(zh.path("summary").asText() + zh.path("value")).as(endpoint + " zh").containsPattern("\\p{IsHan}");
                    assertThat(examples.path("en").path("value").isMissingNode()).as(endpoint + " en").isFalse();
                }
            }
        }
        assertThat(described).containsAll(ENDPOINTS);
    }

    @Test
    void theSwaggerUiIsServedFromTheService() {
        String page = given().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
        assertThat(page).contains("swagger-ui").doesNotContain("validator.swagger.io");
    }
}
