package ai.lychee.rerank.functions.metrics;

import io.micrometer.core.instrument.Tags;

/**
 * The labels a request's metrics carry: its instruction {@code preset} (a preset name, {@code default}, or
 * {@code custom} for any free-text instruction) and its {@code businessLine} (a configured name, {@code other} or
 * {@code none}). Both come from bounded sets.
 */
public record RequestLabels(String preset, String businessLine) {

    public static final RequestLabels UNLABELLED = new RequestLabels("default", BusinessLines.NONE);

    /** The tags of every per-request series of {@code model}: results, scores and conversions must share them. */
    public Tags tags(String model) {
        return Tags.of("model", model, "preset", preset, "business_line", businessLine);
    }
}
