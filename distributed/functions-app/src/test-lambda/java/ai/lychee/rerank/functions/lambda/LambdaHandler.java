package ai.lychee.rerank.functions.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Invokes the function as Lambda does: the raw event goes to Quarkus' mock Lambda event server (started
 * by the Lambda extension in tests), whose runtime API the app polls exactly as in AWS; what comes back is
 * the raw API Gateway response the handler returned.
 */
final class LambdaHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private LambdaHandler() {
    }

    /** The handler's answer: status, headers (lower-case names) and body, base64-decoded if it came so. */
    record Answer(int statusCode, Map<String, String> headers, String body) {

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    static Answer invoke(JsonNode event) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + mockEventServer()))
                .header("Content-Type", "application/json")
                // Guards the build against a hang; a slow answer is not a failure of this test.
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(event)))
                .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the Lambda invocation itself failed (" + response.statusCode() + "): " + response.body());
        }
        JsonNode raw = JSON.readTree(response.body());
        Map<String, String> headers = new TreeMap<>();
        JsonNode single = raw.path("headers");
        for (Iterator<Map.Entry<String, JsonNode>> it = single.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText());
        }
        JsonNode multi = raw.path("multiValueHeaders");
        for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue().path(0).asText());
        }
        String body = raw.path("body").isNull() ? null : raw.path("body").asText(null);
        if (body != null && raw.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new Answer(raw.path("statusCode").asInt(), headers, body);
    }

    /** Where the app's Lambda runtime loop takes its events from (the profile lets the server take any free port). */
    private static String mockEventServer() {
        return ConfigProvider.getConfig().getValue("quarkus-internal.aws-lambda.test-api", String.class);
    }
}
