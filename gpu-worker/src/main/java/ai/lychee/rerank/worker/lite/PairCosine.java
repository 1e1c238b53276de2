package ai.lychee.rerank.worker.lite;

/** What the lite scorer knows about one text pair before calibration: the model that embedded it and their cosine. */
public record PairCosine(BgeModel model, double cosine) {
}
