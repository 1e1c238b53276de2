package ai.lychee.rerank.functions.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback endpoint that records each request the real AWS SDK sends to SNS (Publish, query protocol) or to
 * EventBridge (PutEvents, JSON 1.1) and answers as those services do. No SNS- or EventBridge-compatible server
 * is on Maven Central; this checks what leaves the process, byte for byte, not what a service would do with it.
 */
public final class AwsApiRecorder implements AutoCloseable {

    /** One request as it arrived: headers with lower-case names. */
    public record Request(String method, String path, Map<String, String> headers, String body) {

        /** The form fields of a query-protocol body (SNS). */
        public Map<String, String> form() {
            Map<String, String> fields = new TreeMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return fields;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failNextPutEvents = new AtomicBoolean();

    private AwsApiRecorder(HttpServer server) {
        this.server = server;
    }

    public static AwsApiRecorder start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AwsApiRecorder recorder = new AwsApiRecorder(server);
            server.createContext("/", recorder::answer);
            server.start();
            return recorder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public void clear() {
        requests.clear();
    }

    /** The next PutEvents is answered as EventBridge answers a throttled entry: 200, FailedEntryCount 1. */
    public void failNextPutEvents() {
        failNextPutEvents.set(true);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
        requests.add(request);
        String target = headers.getOrDefault("x-amz-target", "");
        String contentType;
        String answer;
        if (target.equals("AWSEvents.PutEvents")) {
            contentType = "application/x-amz-json-1.1";
            answer = failNextPutEvents.getAndSet(false)
                    ? "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"Rate exceeded\"}]}"
                    : "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"" + UUID.randomUUID() + "\"}]}";
        } else if ("Publish".equals(request.form().get("Action"))) {
            contentType = "text/xml";
            answer = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
                    + UUID.randomUUID() + "</MessageId></PublishResult><ResponseMetadata><RequestId>" + UUID.randomUUID()
                    + "</RequestId></ResponseMetadata></PublishResponse>";
        } else {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
