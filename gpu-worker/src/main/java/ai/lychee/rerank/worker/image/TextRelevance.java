package ai.lychee.rerank.worker.image;

/**
 * How well a text answers a query, in [0, 1]. The seam through which image evidence (OCR text) is judged by the
 * same text model as documents: the lite scorer supplies its calibrated bge-small matcher here.
 */
@FunctionalInterface
public interface TextRelevance {
    double relevance(String instruction, String query, String text);
}
