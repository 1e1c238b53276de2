package ai.lychee.rerank.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** POST /api/rerank of a running service, one request at a time; fails loudly on anything but a 200. */
final class RerankHttp {

    private final HttpClient http;
    private final URI uri;
    private final ObjectMapper json = new ObjectMapper();

    RerankHttp(HttpClient http, String base) {
        this.http = http;
        this.uri = URI.create(base + "/api/rerank");
    }

    byte[] body(String query, List<String> documents) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", query);
        request.put("documents", documents);
        try {
            return json.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a ready body; returns the milliseconds from send to the whole answer read. */
    double time(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + uri + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return ms;
    }
}
