package ai.lychee.rerank.functions.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Invokes the function as Lambda does: the raw event goes to Quarkus' mock Lambda event server, whose runtime API
 * the app's Funqy binding polls as it polls AWS's; what comes back is the function's raw answer (200), or the
 * error it reported (500), which Lambda would retry.
 */
final class MockLambda {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private MockLambda() {
    }

    record Invocation(int status, String body) {

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    static Invocation invoke(JsonNode event) throws IOException, InterruptedException {
        String server = ConfigProvider.getConfig().getValue("quarkus-internal.aws-lambda.test-api", String.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server))
                .header("Content-Type", "application/json")
                // Guards the build against a hang; a slow answer is not a failure of these tests.
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(event)))
                .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Invocation(response.statusCode(), response.body());
    }
}
