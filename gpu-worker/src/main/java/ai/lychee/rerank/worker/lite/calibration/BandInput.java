package ai.lychee.rerank.worker.lite.calibration;

import java.util.function.ToDoubleFunction;

/** What a calibration maps to a score: the candidates whose band edges cross-validation weighs. */
public enum BandInput {
    COSINE("cosine", LabelledPair::cosine),
    PREFIXED_COSINE("cosine, bge query prefix", LabelledPair::prefixedCosine),
    MARGIN("margin over the query's background", LabelledPair::margin);

    private final String label;
    private final ToDoubleFunction<LabelledPair> value;

    BandInput(String label, ToDoubleFunction<LabelledPair> value) {
        this.label = label;
        this.value = value;
    }

    public String label() {
        return label;
    }

    public ToDoubleFunction<LabelledPair> value() {
        return value;
    }
}
