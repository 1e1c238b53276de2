package ai.lychee.rerank.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the worker batches. The scorer itself is chosen by {@code lychee.model}. */
@ConfigMapping(prefix = "lychee.worker")
public interface WorkerConfig {

    Batch batch();

    interface Batch {
        /** Most pairs scored in one forward pass. */
        @WithDefault("32")
        int maxSize();

        /** How long the first pair of a batch waits for company before the batch is scored anyway. */
        @WithDefault("2ms")
        Duration maxWait();

        /** Most pairs waiting; beyond it new jobs are refused with 503 rather than queued without bound. */
        @WithDefault("10000")
        int maxQueued();
    }
}
