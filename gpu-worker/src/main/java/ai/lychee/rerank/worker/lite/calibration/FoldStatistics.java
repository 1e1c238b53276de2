package ai.lychee.rerank.worker.lite.calibration;

import java.util.List;

/**
 * Mean, spread and standard error of one figure across held-out folds. Repeats re-split the same queries, so they
 * steady the mean but add no independent evidence: the standard error counts one repeat's folds.
 */
public record FoldStatistics(double mean, double sd, double min, double max, double standardError) {

    public static FoldStatistics of(List<Double> values, int foldsPerRepeat) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0;
        return new FoldStatistics(mean, sd, values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), sd / Math.sqrt(foldsPerRepeat));
    }
}
