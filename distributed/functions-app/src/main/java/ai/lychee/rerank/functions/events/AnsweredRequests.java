package ai.lychee.rerank.functions.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The event-driven requests this instance is answering or has answered, by correlation id. When a connection
 * drops while a request is being scored, the broker hands the request out again although this instance goes on
 * and publishes its result; the second copy must then be settled without a second result. A copy that arrives
 * while the first is still being scored waits for it: answered, the copy is just acknowledged; not answered
 * (no worker could score it), the copy takes over. Kept 10 minutes, far beyond any redelivery of an answered
 * request.
 */
@ApplicationScoped
public class AnsweredRequests {

    /** Completes true once the request's result is confirmed published, false when it was not answered. */
    private final Cache<String, CompletableFuture<Boolean>> outcomes = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();

    /**
     * Claims a request for answering.
     *
     * @return null when the caller is to answer it (and complete {@code mine}); otherwise the outcome of the copy
     *     that is answering or answered it
     */
    public CompletableFuture<Boolean> claim(String correlationId, CompletableFuture<Boolean> mine) {
        CompletableFuture<Boolean> earlier = outcomes.asMap().compute(correlationId, (id, existing) ->
                existing == null || Boolean.FALSE.equals(existing.getNow(null)) ? mine : existing);
        return earlier == mine ? null : earlier;
    }
}
