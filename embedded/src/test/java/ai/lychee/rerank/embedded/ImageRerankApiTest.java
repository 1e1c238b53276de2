package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Images in queries and documents, end to end through the API on the CPU default. */
@QuarkusTest
class ImageRerankApiTest {

    @Test
    void colourWordsFindTheMatchingPicture() {
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("query", "red", "documents", List.of(
                        Map.of("image_base64", TestPictures.solid(new Color(30, 60, 220), 300, 300)),
                        Map.of("image_base64", TestPictures.solid(new Color(220, 20, 30), 300, 300)))))
                .post("/api/rerank")
                .then().statusCode(200).extract().jsonPath();
        assertThat(body.getInt("results[0].index")).isEqualTo(1);
        assertThat(body.getDouble("results[0].sub_scores.image")).isGreaterThan(body.getDouble("results[1].sub_scores.image"));
    }

    @Test
    void textInAnImageIsReadAndMatched() {
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("query", "summer sale discount", "documents", List.of(
                        Map.of("image_base64", TestPictures.text("WINTER COATS", 640, 160)),
                        Map.of("image_base64", TestPictures.text("SUMMER SALE", 640, 160)))))
                .post("/api/rerank")
                .then().statusCode(200).extract().jsonPath();
        assertThat(body.getInt("results[0].index")).isEqualTo(1);
    }

    @Test
    void theSamePhotoReEncodedOrResizedScoresHighInBothDirections() {
        String original = "1056338697_4f7d7ce270.jpg";
        BufferedImage photo = TestPictures.photo(original);
        String resized = TestPictures.resizedJpeg(photo, 0.7);
        List<Map<String, String>> documents = List.of(
                Map.of("image_base64", TestPictures.file("106490881_5a2dd9b7bd.jpg")),
                Map.of("image_base64", resized),
                Map.of("image_base64", TestPictures.file("1082379191_ec1e53f996.jpg")));
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("query", Map.of("image_base64", TestPictures.file(original)), "documents", documents))
                .post("/api/rerank")
                .then().statusCode(200).extract().jsonPath();
        assertThat(body.getInt("results[0].index")).isEqualTo(1);
        assertThat(body.getDouble("results[0].score")).isGreaterThan(0.7);
        assertThat(body.getString("results[0].band")).isEqualTo("high");

        given().contentType(ContentType.JSON)
                .body(Map.of("query", Map.of("image_base64", resized),
                        "document", Map.of("image_base64", TestPictures.file(original))))
                .post("/api/score")
                .then().statusCode(200).body("score", greaterThan(0.7f));
    }

    @Test
    void aPictureThatContradictsItsTextIsFlaggedSplit() {
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "summer sale", "document", Map.of(
                        "text", "Summer sale: everything half price",
                        "image_base64", TestPictures.text("WINTER COATS", 640, 160))))
                .post("/api/score")
                .then().statusCode(200)
                .body("sub_scores.text", greaterThan(0.7f))
                .body("sub_scores.image", org.hamcrest.Matchers.lessThan(0.4f))
                .body("consistency", equalTo("split"));
    }

    @Test
    void aPictureOfWhichNothingIsReadNeitherLowersTheScoreNorSplits() {
        JsonPath withPicture = given().contentType(ContentType.JSON)
                .body(Map.of("query", "summer sale", "document", Map.of(
                        "text", "Summer sale: everything half price",
                        "image_base64", TestPictures.solid(new Color(128, 128, 128), 64, 64))))
                .post("/api/score")
                .then().statusCode(200)
                .body("flags", org.hamcrest.Matchers.hasItem("low_resolution"))
                .extract().jsonPath();
        float textOnly = given().contentType(ContentType.JSON)
                .body(Map.of("query", "summer sale", "document", "Summer sale: everything half price"))
                .post("/api/score")
                .then().statusCode(200).extract().jsonPath().getFloat("score");
        assertThat(withPicture.getFloat("score")).isEqualTo(textOnly);
        assertThat(withPicture.getString("consistency")).isNull();
        assertThat(withPicture.getString("sub_scores.image")).isNull();
    }

    @Test
    void brokenPicturesAreRefusedNamingTheDocumentAndNothingElseIsLost() {
        byte[] png = Base64.getDecoder().decode(TestPictures.solid(Color.GREEN, 200, 200));
        String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(png, png.length / 3));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "green", "documents", List.of("a text document",
                        Map.of("image_base64", truncated))))
                .post("/api/rerank")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("field", equalTo("documents[1]"));

        given().contentType(ContentType.JSON)
                .body(Map.of("query", "green", "documents", List.of("a text document",
                        Map.of("image_base64", bombHeader()))))
                .post("/api/rerank")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("field", equalTo("documents[1]"));

        given().contentType(ContentType.JSON)
                .body(Map.of("query", "green", "documents", List.of("a text document",
                        Map.of("image_base64", TestPictures.solid(Color.GREEN, 200, 200)))))
                .post("/api/rerank")
                .then().statusCode(200)
                .body("results.size()", equalTo(2));
    }

    @Test
    void theWebPagesMultipartUploadAttachesImagesToDocuments() {
        byte[] red = Base64.getDecoder().decode(TestPictures.solid(new Color(220, 20, 30), 300, 300));
        byte[] blue = Base64.getDecoder().decode(TestPictures.solid(new Color(30, 60, 220), 300, 300));
        given().multiPart("request", "{\"query\": \"red\", \"documents\": [\"\", \"\"]}", "application/json")
                .multiPart("document_image_0", "blue.png", blue, "image/png")
                .multiPart("document_image_1", "red.png", red, "image/png")
                .post("/api/rerank")
                .then().statusCode(200)
                .body("results[0].index", equalTo(1))
                .body("results.size()", equalTo(2));
        given().multiPart("request", "{\"query\": \"red\", \"documents\": [\"x\"]}", "application/json")
                .multiPart("document_image_5", "red.png", red, "image/png")
                .post("/api/rerank")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("document_image_5"));
    }

    /** A PNG whose header claims 20000 x 20000 pixels: refused from the header, never decoded. */
    private static String bombHeader() {
        byte[] png = Base64.getDecoder().decode(TestPictures.solid(Color.WHITE, 8, 8));
        // IHDR width and height are the big-endian ints at bytes 16 and 20; the CRC no longer matches, as in a crafted bomb.
        for (int offset : new int[] {16, 20}) {
            png[offset] = 0;
            png[offset + 1] = 0;
            png[offset + 2] = (byte) 0x4E;
            png[offset + 3] = (byte) 0x20;
        }
        return Base64.getEncoder().encodeToString(png);
    }
}
