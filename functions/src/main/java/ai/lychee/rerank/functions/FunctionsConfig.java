package ai.lychee.rerank.functions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the edge: request limits, the hot-query cache, and how long to wait for a worker. */
@ConfigMapping(prefix = "lychee.functions")
public interface FunctionsConfig {

    /** Most documents one request may carry. */
    @WithDefault("100")
    int maxDocuments();

    /**
     * Longest text (in characters) of a query, document or instruction that is accepted at all.
     * Texts within it are still truncated by the model to its window (512 tokens for the lite model).
     */
    @WithDefault("20000")
    int maxTextChars();

    /** How long a request waits for the worker before it fails with 504. */
    @WithDefault("60s")
    Duration workerTimeout();

    Cache cache();

    /**
     * Names this functions instance, so replies from remote workers come back to it. Unset, a random
     * id per JVM ({@link ai.lychee.rerank.functions.dispatch.InstanceIdConfigSource}).
     */
    String instanceId();

    interface Cache {
        @WithDefault("true")
        boolean enabled();

        /** Time a cached score stays valid. */
        @WithDefault("1h")
        Duration ttl();

        /** Most (query, document) scores kept (memory store; Redis bounds itself with its maxmemory policy). */
        @WithDefault("100000")
        long maxEntries();

        /** Where scores are kept: {@code memory} (this JVM) or {@code redis} (shared; distributed functions app only). */
        @WithDefault("memory")
        String store();

        /** Longest wait for the redis store before a look-up counts as "not cached". */
        @WithDefault("300ms")
        Duration redisTimeout();
    }
}
