package ai.lychee.rerank.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Holds request bodies on the API to {@code quarkus.http.limits.max-body-size}, whichever way they arrive.
 * The framework checks a declared Content-Length (and answers a bare 413), but a chunked body of any size
 * reaches the JSON reader whole. Here a declared length over the limit is refused at once, and a streamed
 * (chunked) JSON body is read with Vert.x's bounded body handler before the REST layer sees it; either way an
 * oversized body gets a 413 problem naming {@code body}.
 */
@ApplicationScoped
public class RequestBodyLimit {

    private final long maxBytes;
    private final BodyHandler boundedReader;
    private final ObjectMapper json;

    public RequestBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                            MemorySize maxBodySize, ObjectMapper json) {
        this.maxBytes = maxBodySize.asLongValue();
        this.json = json;
        this.boundedReader = BodyHandler.create(false).setBodyLimit(maxBytes);
    }

    /** Before the concurrency limit: an oversized body is refused without taking a slot. */
    @RouteFilter(200)
    void limit(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (!isApi(context) || !(method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH)) {
            context.next();
            return;
        }
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) {
                refuse(context, 400, "Content-Length '" + declared + "' is not a byte count");
                return;
            }
            if (length > maxBytes) {
                refuseTooLarge(context, "the body declares " + length + " bytes");
                return;
            }
            context.next(); // a declared length within the limit: the framework holds the body to it
            return;
        }
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            context.next(); // uploads are read (and bounded) by the REST layer's own multipart reader
            return;
        }
        boundedReader.handle(context);
    }

    /**
     * The bounded reader fails the request with 413 when a streamed body passes the limit; this failure handler
     * turns that into the problem. Installed on the router directly: a {@code @Route} would add a body handler.
     */
    void installFailureHandler(@Observes Router router) {
        router.route().failureHandler(context -> {
            if (context.statusCode() == 413 && isApi(context) && !context.response().ended()) {
                refuseTooLarge(context, "the body is larger than allowed");
            } else {
                context.next();
            }
        });
    }

    private void refuseTooLarge(RoutingContext context, String what) {
        refuse(context, 413, what + "; the limit is " + maxBytes + " bytes (quarkus.http.limits.max-body-size)");
    }

    /** Answers at once and closes the connection, so the rest of an unwanted body is never read. */
    private void refuse(RoutingContext context, int status, String detail) {
        String body;
        try {
            body = json.writeValueAsString(Problem.of(status, detail, "body"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    private static boolean isApi(RoutingContext context) {
        return ApiPaths.isScoring(context.normalizedPath());
    }
}
