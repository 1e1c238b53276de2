package ai.lychee.rerank.functions.cache;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.protocol.DocumentScore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the store named by {@code lychee.functions.cache.store} (stores are {@code @Identifier}-qualified
 * {@link HotQueryCache} beans) and counts what it answers as {@code lychee_cache_requests_total{result="hit|miss"}},
 * the same whichever store it is. With the cache disabled nothing is looked up or counted.
 */
@ApplicationScoped
public class ActiveHotQueryCache {

    @Produces
    @ApplicationScoped
    HotQueryCache active(@Any Instance<HotQueryCache> stores, FunctionsConfig config, MeterRegistry registry) {
        if (!config.cache().enabled()) {
            return new Disabled();
        }
        String name = config.cache().store();
        Instance<HotQueryCache> chosen = stores.select(Identifier.Literal.of(name));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("lychee.functions.cache.store=" + name + " names no cache store; known: "
                    + CaffeineHotQueryCache.STORE + " (and redis in the distributed functions app)");
        }
        return new Counted(chosen.get(), registry);
    }

    private record Counted(HotQueryCache store, Counter hits, Counter misses) implements HotQueryCache {

        Counted(HotQueryCache store, MeterRegistry registry) {
            this(store,
                    Counter.builder("lychee.cache.requests").tag("result", "hit")
                            .description("Document scores answered from the hot-query cache").register(registry),
                    Counter.builder("lychee.cache.requests").tag("result", "miss")
                            .description("Document scores that had to be computed").register(registry));
        }

        @Override
        public Uni<List<DocumentScore>> getAll(List<CacheKey> keys) {
            return store.getAll(keys).invoke(found -> {
                long hit = found.stream().filter(Objects::nonNull).count();
                hits.increment(hit);
                misses.increment(found.size() - hit);
            });
        }

        @Override
        public void putAll(Map<CacheKey, DocumentScore> scores) {
            store.putAll(scores);
        }
    }

    private static final class Disabled implements HotQueryCache {
        @Override
        public Uni<List<DocumentScore>> getAll(List<CacheKey> keys) {
            return Uni.createFrom().item(Arrays.asList(new DocumentScore[keys.size()]));
        }

        @Override
        public void putAll(Map<CacheKey, DocumentScore> scores) {
        }
    }
}
