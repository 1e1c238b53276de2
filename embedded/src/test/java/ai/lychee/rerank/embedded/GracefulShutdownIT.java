package ai.lychee.rerank.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM while a request is being scored: the request is answered in full, then the process exits 0. */
class GracefulShutdownIT {

    @Test
    void inFlightRequestIsFinishedBeforeExit() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-jar", "target/quarkus-app/quarkus-run.jar", "load", "--port", Integer.toString(port))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("Running on local URL")) {
            // wait for the banner
        }
        assertThat(line).isNotNull();
        CompletableFuture.runAsync(() -> out.lines().forEach(l -> { }));

        // A request heavy enough to be in flight when the signal comes: 100 long, distinct documents.
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            documents.add(("Document " + i + " talks about rivers, mountains, trains and the history of maps. ").repeat(12));
        }
        String body = new ObjectMapper().writeValueAsString(Map.of("query", "history of maps", "documents", documents));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/rerank"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        // Signal only once the server has the request in hand: a request it has not received yet is not in
        // flight, and a loaded machine can take longer than any fixed pause to get it there.
        awaitActiveRequests(http, port, 2);
        assertThat(inFlight).as("the request must still be in flight when SIGTERM is sent").isNotDone();
        service.destroy();

        HttpResponse<String> answer = inFlight.get(60, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode results = new ObjectMapper().readTree(answer.body()).path("results");
        assertThat(results).hasSize(100);
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(service.exitValue()).isZero();
    }

    /** Waits until the server counts {@code atLeast} requests in progress (the metrics scrape is one of them). */
    private static void awaitActiveRequests(HttpClient http, int port, int atLeast) throws Exception {
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (String line : http.send(scrape, HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
                if (line.startsWith("http_server_active_requests")
                        && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= atLeast) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the request never reached the server within 30 s");
    }
}
