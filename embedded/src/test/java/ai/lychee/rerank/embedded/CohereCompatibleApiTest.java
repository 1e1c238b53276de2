package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/rerank} accepts what Cohere's and Jina's clients send and answers what they read. */
@QuarkusTest
class CohereCompatibleApiTest {

    @Test
    void answersTheCohereShape() {
        given().contentType(ContentType.JSON)
                .body(Map.of("model", "rerank-english-v3.0",
                        "query", "What is the capital of the United States?",
                        "documents", List.of(
                                "Carson City is the capital city of the American state of Nevada.",
                                "Washington, D.C. is the capital of the United States.",
                                "Capital punishment has existed in the United States since before it was a country."),
                        "top_n", 2, "return_documents", true, "max_chunks_per_doc", 10))
                .post("/v1/rerank")
                .then().statusCode(200)
                .body("id", notNullValue())
                .body("results.size()", equalTo(2))
                .body("results[0].index", equalTo(1))
                .body("results[0].relevance_score", greaterThan(0.5f))
                .body("results[0].document.text", equalTo("Washington, D.C. is the capital of the United States."))
                .body("meta.api_version.version", equalTo("1"));
    }

    @Test
    void acceptsJinaStyleDocumentObjectsAndOmitsDocumentsUnlessAsked() {
        given().contentType(ContentType.JSON)
                .body(Map.of("model", "jina-reranker-m0", "query", "organic skincare",
                        "documents", List.of(Map.of("text", "Organic skincare for sensitive skin with aloe vera"),
                                Map.of("text", "New makeup trends focus on bold colors"))))
                .post("/v1/rerank")
                .then().statusCode(200)
                .body("results.size()", equalTo(2))
                .body("results[0].index", equalTo(0))
                .body("results[0].document", equalTo(null));
    }

    @Test
    void badInputIsAProblemToo() {
        given().contentType(ContentType.JSON)
                .body(Map.of("model", "x", "query", "q", "documents", List.of()))
                .post("/v1/rerank")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("documents"));
    }
}
