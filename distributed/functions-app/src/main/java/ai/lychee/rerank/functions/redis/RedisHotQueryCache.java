package ai.lychee.rerank.functions.redis;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.functions.cache.CacheKey;
import ai.lychee.rerank.functions.cache.HotQueryCache;
import ai.lychee.rerank.protocol.DocumentScore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The shared store ({@code redis}): every functions instance reads and fills the same scores, under
 * {@link CacheKey#asString()} with the cache's TTL. One MGET per request. Redis slow or down means
 * "not cached" after a short timeout, logged once per outage, never an error for the caller.
 */
@ApplicationScoped
@Identifier(RedisHotQueryCache.STORE)
public class RedisHotQueryCache implements HotQueryCache {

    public static final String STORE = "redis";
    private static final Logger LOG = Logger.getLogger(RedisHotQueryCache.class);

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final Duration ttl;
    private final Duration timeout;
    private final AtomicBoolean down = new AtomicBoolean();

    public RedisHotQueryCache(ReactiveRedisDataSource redis, ObjectMapper json, FunctionsConfig config) {
        this.values = redis.value(String.class, String.class);
        this.json = json;
        this.ttl = config.cache().ttl();
        this.timeout = config.cache().redisTimeout();
    }

    @Override
    public Uni<List<DocumentScore>> getAll(List<CacheKey> keys) {
        String[] names = keys.stream().map(CacheKey::asString).toArray(String[]::new);
        return values.mget(names)
                .ifNoItem().after(timeout).fail()
                .map(found -> {
                    reachable();
                    List<DocumentScore> scores = new ArrayList<>(names.length);
                    for (String name : names) {
                        scores.add(decode(found.get(name)));
                    }
                    return scores;
                })
                .onFailure().recoverWithItem(failure -> {
                    unreachable(failure);
                    return new ArrayList<>(java.util.Collections.nCopies(names.length, (DocumentScore) null));
                });
    }

    @Override
    public void putAll(Map<CacheKey, DocumentScore> scores) {
        SetArgs expiry = new SetArgs().px(ttl);
        scores.forEach((key, score) -> {
            String encoded;
            try {
                encoded = json.writeValueAsString(score);
            } catch (IOException e) {
                return;
            }
            values.set(key.asString(), encoded, expiry)
                    .ifNoItem().after(timeout).fail()
                    .subscribe().with(ok -> reachable(), this::unreachable);
        });
    }

    private DocumentScore decode(String encoded) {
        if (encoded == null) {
            return null;
        }
        try {
            return json.readValue(encoded, DocumentScore.class);
        } catch (IOException e) {
            return null; // another version's entry: recompute and overwrite
        }
    }

    private void reachable() {
        if (down.compareAndSet(true, false)) {
            LOG.info("Redis answers again: the hot-query cache is back");
        }
    }

    private void unreachable(Throwable failure) {
        if (down.compareAndSet(false, true)) {
            LOG.warnf("Redis does not answer (%s): scoring uncached until it does", failure.toString());
        }
    }
}
