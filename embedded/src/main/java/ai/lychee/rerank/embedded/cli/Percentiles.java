package ai.lychee.rerank.embedded.cli;

import java.util.Arrays;
import java.util.Locale;

/** min / p50 / p99 / max of a set of timings in milliseconds. */
record Percentiles(double min, double p50, double p99, double max) {

    static Percentiles of(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted[0], at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double at(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    String describe() {
        return String.format(Locale.ROOT, "min %7.2f ms  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms", min, p50, p99, max);
    }
}
