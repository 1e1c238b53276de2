package ai.lychee.rerank.functions.metrics;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** What labels the quality metrics may carry, so their number of series stays bounded. */
@ConfigMapping(prefix = "lychee.metrics")
public interface MetricsConfig {

    /**
     * Business lines a request may name ({@code business_line} in the body, or the {@code X-Lychee-Business-Line}
     * header); each becomes a {@code business_line} label value. A name outside this list is labelled {@code other},
     * a request naming none {@code none}.
     */
    Optional<List<String>> businessLines();
}
