package ai.lychee.rerank.functions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The model the deployment scores with. Functions uses it in cache keys and answers; the worker
 * uses the same key to pick its Scorer, so both sides of a distributed deployment must agree.
 */
@ConfigMapping(prefix = "lychee")
public interface ModelConfig {
    @WithDefault("lite")
    String model();
}
