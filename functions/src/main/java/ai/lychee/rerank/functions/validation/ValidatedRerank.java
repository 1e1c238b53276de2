package ai.lychee.rerank.functions.validation;

import ai.lychee.rerank.functions.metrics.RequestLabels;
import ai.lychee.rerank.protocol.Content;
import java.util.List;

/**
 * A rerank request that passed validation: resolved instruction, contents, how many results to return, the
 * labels of its metrics, and the token budget per document (null: the model's window).
 */
public record ValidatedRerank(String instruction, Content query, List<Content> documents, int topN, boolean returnDocuments,
                              RequestLabels labels, Integer maxDocumentTokens) {

    public ValidatedRerank(String instruction, Content query, List<Content> documents, int topN, boolean returnDocuments) {
        this(instruction, query, documents, topN, returnDocuments, RequestLabels.UNLABELLED, null);
    }
}
