package ai.lychee.rerank.functions.metrics;

/**
 * The labels a request's metrics carry: its instruction {@code preset} (a preset name, {@code default}, or
 * {@code custom} for any free-text instruction) and its {@code businessLine} (a configured name, {@code other} or
 * {@code none}). Both come from bounded sets.
 */
public record RequestLabels(String preset, String businessLine) {

    public static final RequestLabels UNLABELLED = new RequestLabels("default", BusinessLines.NONE);
}
