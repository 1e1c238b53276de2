package ai.lychee.rerank.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** min / p50 / p99 / max of repeated measurements of one figure (nearest-rank percentiles). */
record Spread(double min, double p50, double p99, double max, int n) {

    static Spread of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Spread(sorted[0], at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
    }

    private static double at(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Each value turned into documents per second, from milliseconds for {@code docs} documents. */
    static double[] docsPerSecond(double[] millis, int docs) {
        return Arrays.stream(millis).map(ms -> docs * 1000.0 / ms).toArray();
    }

    String describe(String unit, String format) {
        String f = "min " + format + "  p50 " + format + "  p99 " + format + "  max " + format + " %s  (n=%d)";
        return String.format(Locale.ROOT, f, min, p50, p99, max, unit, n);
    }
}
