package ai.lychee.rerank.worker.lite;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The lite configuration outside a Quarkus application (mains, plain tests): defaults plus system properties and env. */
public final class LiteConfigs {

    private LiteConfigs() {
    }

    public static LiteConfig fromEnvironment() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withMapping(LiteConfig.class)
                .build();
        return config.getConfigMapping(LiteConfig.class);
    }
}
