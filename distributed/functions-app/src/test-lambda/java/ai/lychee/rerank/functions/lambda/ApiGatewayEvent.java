package ai.lychee.rerank.functions.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * An API Gateway HTTP API event (payload format 2.0) as the template's {@code ANY /{proxy+}} route delivers
 * it to the function, with the fields AWS fills in (account, stage, time, source ip, ...), not only the
 * few the handler reads: the handler must take the real thing.
 */
final class ApiGatewayEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiGatewayEvent() {
    }

    static ObjectNode get(String path) {
        return event("GET", path, null, null, false);
    }

    static ObjectNode postJson(String path, String body) {
        return event("POST", path, "application/json", body, false);
    }

    /** API Gateway base64-encodes bodies it does not take for text; the handler must decode them. */
    static ObjectNode postJsonBase64(String path, String body) {
        return event("POST", path, "application/json", body, true);
    }

    private static ObjectNode event(String method, String path, String contentType, String body, boolean base64) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "ANY /{proxy+}");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("accept", "application/json");
        headers.put("host", "abcdef1234.execute-api.eu-west-1.amazonaws.com");
        headers.put("user-agent", "lychee-lambda-test");
        headers.put("x-amzn-trace-id", "Root=1-" + requestId);
        headers.put("x-forwarded-for", "198.51.100.7");
        headers.put("x-forwarded-port", "443");
        headers.put("x-forwarded-proto", "https");
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "abcdef1234");
        context.put("domainName", "abcdef1234.execute-api.eu-west-1.amazonaws.com");
        context.put("domainPrefix", "abcdef1234");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "198.51.100.7");
        http.put("userAgent", "lychee-lambda-test");
        context.put("requestId", requestId);
        context.put("routeKey", "ANY /{proxy+}");
        context.put("stage", "$default");
        context.put("time", "22/Nov/2026:02:51:00 +0000");
        context.put("timeEpoch", 1795315860000L);
        event.putObject("pathParameters").put("proxy", path.substring(1));
        if (body != null) {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        }
        event.put("isBase64Encoded", base64);
        return event;
    }
}
