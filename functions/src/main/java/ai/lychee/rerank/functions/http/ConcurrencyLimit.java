package ai.lychee.rerank.functions.http;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the scoring requests in progress. Past {@code lychee.http.max-concurrent-requests} a request
 * is answered at once with 503 and Retry-After instead of joining an unbounded queue, so a saturated
 * service stays responsive and callers can back off.
 */
@ApplicationScoped
public class ConcurrencyLimit {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int limit;

    public ConcurrencyLimit(@ConfigProperty(name = "lychee.http.max-concurrent-requests", defaultValue = "64") int limit) {
        this.limit = limit;
    }

    @RouteFilter(100)
    void limit(RoutingContext context) {
        if (!ApiPaths.isScoring(context.normalizedPath())) {
            context.next();
            return;
        }
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            context.response().setStatusCode(503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", "1")
                    .end("{\"type\":\"https://lychee.ai/problems/service-unavailable\",\"title\":\"Service Unavailable\","
                            + "\"status\":503,\"detail\":\"the service is at its limit of " + limit
                            + " concurrent requests; retry shortly\"}");
            return;
        }
        context.addEndHandler(done -> inFlight.decrementAndGet());
        context.next();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
