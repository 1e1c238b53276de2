package ai.lychee.rerank.functions.cache;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.protocol.DocumentScore;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The in-process store ({@code memory}, the default): bounded in size and time, private to this JVM. */
@ApplicationScoped
@Identifier(CaffeineHotQueryCache.STORE)
public class CaffeineHotQueryCache implements HotQueryCache {

    public static final String STORE = "memory";

    private final Cache<CacheKey, DocumentScore> scores;

    public CaffeineHotQueryCache(FunctionsConfig config) {
        this.scores = Caffeine.newBuilder()
                .expireAfterWrite(config.cache().ttl())
                .maximumSize(config.cache().maxEntries())
                .build();
    }

    @Override
    public Uni<List<DocumentScore>> getAll(List<CacheKey> keys) {
        List<DocumentScore> found = new ArrayList<>(keys.size());
        keys.forEach(key -> found.add(scores.getIfPresent(key)));
        return Uni.createFrom().item(found);
    }

    @Override
    public void putAll(Map<CacheKey, DocumentScore> computed) {
        scores.putAll(computed);
    }

    public long size() {
        return scores.estimatedSize();
    }
}
