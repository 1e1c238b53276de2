package ai.lychee.rerank.functions.metrics;

import ai.lychee.rerank.functions.ModelConfig;
import ai.lychee.rerank.protocol.Band;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Counts results a caller reports as converted (clicked, bought, accepted), as
 * {@code lychee_conversions_total{band, model, preset, business_line}}, beside {@code lychee_results_total} with the
 * same labels: their ratio per band is the share that converted (for {@code medium}, the yellow pool's yield).
 * The caller sends back the scores it was given; the band is derived here, so callers need not know the thresholds.
 */
@ApplicationScoped
public class ConversionFeedback {

    private final MeterRegistry registry;
    private final String model;

    public ConversionFeedback(MeterRegistry registry, ModelConfig model) {
        this.registry = registry;
        this.model = model.model();
    }

    public void converted(RequestLabels labels, List<Double> scores) {
        for (double score : scores) {
            Counter.builder("lychee.conversions")
                    .tags(labels.tags(model))
                    .tag("band", Band.of(score).label())
                    .description("Results the caller reported as converted, per band of the score they were given")
                    .register(registry).increment();
        }
    }
}
