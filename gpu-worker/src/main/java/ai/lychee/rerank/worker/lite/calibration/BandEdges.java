package ai.lychee.rerank.worker.lite.calibration;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where a model's scores cross 0.4 (low edge) and 0.7 (high edge), in the calibration input (the cosine).
 *
 * <p>Fitted from labelled pairs alone, per document, so a score never depends on the other candidates of a
 * request: {@code a} is the input above which {@code aims.topHigh} of the top-grade pairs lie, {@code b} the one
 * below which {@code aims.zeroLow} of the grade-0 pairs lie. When {@code a >= b} both aims are met with high = a and
 * low = b: the high band as strict and the low band as lenient as the aims allow, the rest in medium. When the two
 * grades overlap too much ({@code a < b}, {@code reachable} false) the aims cannot both be met; the seeds' meaning
 * decides: high = use it directly, so high starts at b (no more than 1 - zeroLow of grade 0 in it); low = safe to
 * filter, so low ends at a (no more than 1 - topHigh of the top grade in it); the overlap is medium.
 */
public record BandEdges(double low, double high, boolean reachable) {

    public static BandEdges fit(List<LabelledPair> pairs, ToDoubleFunction<LabelledPair> input, int topGrade,
                                BandAims aims) {
        return fit(pairs.stream().filter(p -> p.grade() == topGrade).mapToDouble(input).toArray(),
                pairs.stream().filter(p -> p.grade() == 0).mapToDouble(input).toArray(), aims);
    }

    /** From the inputs of the top-grade and of the grade-0 pairs. */
    public static BandEdges fit(double[] topInputs, double[] zeroInputs, BandAims aims) {
        if (topInputs.length == 0 || zeroInputs.length == 0) {
            throw new IllegalArgumentException("band edges need pairs of the top grade and of grade 0");
        }
        double[] top = topInputs.clone();
        double[] zero = zeroInputs.clone();
        java.util.Arrays.sort(top);
        java.util.Arrays.sort(zero);
        double a = quantile(top, 1 - aims.topHigh());
        double b = quantile(zero, aims.zeroLow());
        return a >= b ? new BandEdges(b, a, true) : new BandEdges(a, b, false);
    }

    /** The band of an input: 0 high, 1 medium, 2 low (score.py's order). */
    public int band(double input) {
        return input > high ? 0 : input < low ? 2 : 1;
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
