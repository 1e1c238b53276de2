package ai.lychee.rerank.functions.cache;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.protocol.DocumentScore;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Scores already computed, per (model, instruction, query, document digest), so a repeated request
 * never reaches the worker. Bounded in size and time; hits and misses are counted as
 * {@code lychee_cache_requests_total{result="hit|miss"}}.
 */
@ApplicationScoped
public class HotQueryCache {

    private final boolean enabled;
    private final Cache<CacheKey, DocumentScore> scores;
    private final Counter hits;
    private final Counter misses;

    public HotQueryCache(FunctionsConfig config, MeterRegistry registry) {
        this.enabled = config.cache().enabled();
        this.scores = Caffeine.newBuilder()
                .expireAfterWrite(config.cache().ttl())
                .maximumSize(config.cache().maxEntries())
                .build();
        this.hits = Counter.builder("lychee.cache.requests").tag("result", "hit")
                .description("Document scores answered from the hot-query cache").register(registry);
        this.misses = Counter.builder("lychee.cache.requests").tag("result", "miss")
                .description("Document scores that had to be computed").register(registry);
    }

    /** The cached score, or null; counts the look-up. */
    public DocumentScore get(CacheKey key) {
        if (!enabled) {
            return null;
        }
        DocumentScore score = scores.getIfPresent(key);
        (score != null ? hits : misses).increment();
        return score;
    }

    public void put(CacheKey key, DocumentScore score) {
        if (enabled) {
            scores.put(key, score);
        }
    }

    public long size() {
        return scores.estimatedSize();
    }
}
