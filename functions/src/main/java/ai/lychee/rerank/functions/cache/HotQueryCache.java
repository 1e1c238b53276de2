package ai.lychee.rerank.functions.cache;

import ai.lychee.rerank.protocol.DocumentScore;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/**
 * Scores already computed, per (model, instruction, query, document digest), so a repeated request
 * never reaches the worker. Stores: {@code memory} (Caffeine, this JVM) and {@code redis} (shared by
 * every functions instance, in the distributed app), chosen by {@code lychee.functions.cache.store}.
 *
 * <p>A cache is an optimisation, never a dependency: a store that cannot answer answers "not cached".
 */
public interface HotQueryCache {

    /** The cached score of each key, in order, null where there is none. Never fails. */
    Uni<List<DocumentScore>> getAll(List<CacheKey> keys);

    /** Remembers freshly computed scores; returns at once, a store that cannot write drops them. */
    void putAll(Map<CacheKey, DocumentScore> scores);
}
