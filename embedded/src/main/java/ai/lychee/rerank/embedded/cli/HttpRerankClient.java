package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.api.ScoreResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls a running Lychee service's HTTP API; problems come back as one-line CLI errors. */
public class HttpRerankClient implements RerankClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final String baseUrl;
    private final String token;

    public HttpRerankClient(String baseUrl, String token, ObjectMapper json) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.json = json;
    }

    @Override
    public RerankResponse rerank(RerankRequest request) {
        return post("/api/rerank", request, RerankResponse.class);
    }

    @Override
    public ScoreResponse score(ScoreRequest request) {
        return post("/api/score", request, ScoreResponse.class);
    }

    private <T> T post(String path, Object body, Class<T> type) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                throw new CliException(describeProblem(response));
            }
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new CliException("cannot reach " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private String describeProblem(HttpResponse<byte[]> response) {
        try {
            JsonNode problem = json.readTree(response.body());
            String field = problem.path("field").asText("");
            return "HTTP " + response.statusCode() + (field.isEmpty() ? "" : " " + field) + ": " + problem.path("detail").asText();
        } catch (IOException e) {
            return "HTTP " + response.statusCode();
        }
    }
}
