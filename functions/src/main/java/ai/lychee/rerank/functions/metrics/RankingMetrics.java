package ai.lychee.rerank.functions.metrics;

import ai.lychee.rerank.functions.ModelConfig;
import ai.lychee.rerank.protocol.Band;
import ai.lychee.rerank.protocol.DocumentScore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The quality signals operators watch, recorded for every ranked request (cached scores included: they are results
 * all the same), labelled by model, instruction preset and business line:
 * <ul>
 * <li>{@code lychee_results_total{band}}: documents per band (the share of {@code low} is what callers filter out);</li>
 * <li>{@code lychee_result_score_percent}: a histogram of every score x 100, with bucket edges at the band
 * thresholds (40, 70);</li>
 * <li>{@code lychee_request_top_score_percent{rank="top1|top3_mean", order="sent|reranked"}}: the first and the mean
 * of the first three per request, in the order the caller sent (before reranking) and after it, x 100;</li>
 * <li>{@code lychee_result_consistency_total{verdict}} and {@code lychee_result_flags_total{flag}}: image verdicts.</li>
 * </ul>
 * Conversions come back through {@link ConversionFeedback}.
 */
@ApplicationScoped
public class RankingMetrics {

    /**
     * Scores are recorded in percent (score x 100): Micrometer's fixed-boundary histograms count whole numbers, so
     * buckets at 0.4 and 0.7 would never fill. Edges at the band thresholds, 40 and 70.
     */
    static final double[] SCORE_BUCKETS = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    static final String PERCENT = "percent";
    /** Flags the worker raises today; anything else is counted as "other" so a new flag cannot grow the series. */
    static final Set<String> KNOWN_FLAGS = Set.of("blurry", "overexposed", "underexposed", "low_resolution");

    private final MeterRegistry registry;
    private final String model;

    public RankingMetrics(MeterRegistry registry, ModelConfig model) {
        this.registry = registry;
        this.model = model.model();
    }

    /** @param scores every document's score, in the order the caller sent them */
    public void record(RequestLabels labels, List<DocumentScore> scores) {
        if (scores.isEmpty()) {
            return;
        }
        Tags tags = tags(labels);
        DistributionSummary histogram = DistributionSummary.builder("lychee.result.score").tags(tags)
                .description("Scores of every ranked document, in percent").baseUnit(PERCENT).scale(100)
                .serviceLevelObjectives(SCORE_BUCKETS).register(registry);
        for (DocumentScore s : scores) {
            Counter.builder("lychee.results").tags(tags).tag("band", Band.of(s.score()).label())
                    .description("Ranked documents per band").register(registry).increment();
            histogram.record(s.score());
            if (s.consistency() != null) {
                Counter.builder("lychee.result.consistency").tags(tags).tag("verdict", s.consistency())
                        .description("Image-text consistency verdicts").register(registry).increment();
            }
            for (String flag : s.flags() == null ? List.<String>of() : s.flags()) {
                Counter.builder("lychee.result.flags").tag("model", model)
                        .tag("flag", KNOWN_FLAGS.contains(flag) ? flag : "other")
                        .description("Image quality flags raised").register(registry).increment();
            }
        }
        double[] sent = scores.stream().mapToDouble(DocumentScore::score).toArray();
        double[] reranked = Arrays.stream(sent).boxed().sorted(Comparator.reverseOrder()).mapToDouble(Double::doubleValue).toArray();
        top(tags, "sent", sent);
        top(tags, "reranked", reranked);
    }

    private void top(Tags tags, String order, double[] inOrder) {
        summary(tags, "top1", order).record(inOrder[0]);
        int n = Math.min(3, inOrder.length);
        summary(tags, "top3_mean", order).record(Arrays.stream(inOrder, 0, n).sum() / n);
    }

    private DistributionSummary summary(Tags tags, String rank, String order) {
        return DistributionSummary.builder("lychee.request.top.score").tags(tags).tag("rank", rank).tag("order", order)
                .description("Best score and mean of the best three per request, in the order sent and after reranking,"
                        + " in percent").baseUnit(PERCENT).scale(100)
                .serviceLevelObjectives(SCORE_BUCKETS).register(registry);
    }

    Tags tags(RequestLabels labels) {
        return labels.tags(model);
    }
}
