package ai.lychee.rerank.worker.lite;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** The lite configuration outside a Quarkus application (mains, plain tests): defaults plus system properties and env. */
public final class LiteConfigs {

    private LiteConfigs() {
    }

    public static LiteConfig fromEnvironment() {
        return fromEnvironment(Map.of());
    }

    /** The same with these keys set above everything else (tests, a benchmark's side-by-side variants). */
    public static LiteConfig fromEnvironment(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(overrides, "lite-overrides", 1000))
                .withMapping(LiteConfig.class)
                .build();
        return config.getConfigMapping(LiteConfig.class);
    }
}
