package ai.lychee.rerank.worker.lite.calibration;

import ai.lychee.rerank.worker.lite.BgeModel;

/**
 * One judged (query, document) pair of an evaluation set with every raw input a calibration candidate may use,
 * computed once: the model it routes to, the cosine as the scorer computes it, the cosine with bge's retrieval
 * prefix before the query, the query's background similarity and the lexical overlap.
 */
public record LabelledPair(String task, String doc, int grade, BgeModel model, double cosine, double prefixedCosine,
                           double background, double termCoverage, double phraseCoverage) {

    /** How far the document stands above the query's background similarity (see {@link ReferenceTexts}). */
    public double margin() {
        return cosine - background;
    }
}
