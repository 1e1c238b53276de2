package ai.lychee.rerank.worker;

import ai.lychee.rerank.protocol.Content;

/**
 * One (instruction, query, document) triple to be scored; the unit the batcher works in.
 * {@code maxDocumentTokens}: the document's text is read only up to that many tokens (null: the model's window).
 */
public record ScoringPair(String instruction, Content query, Content document, Integer maxDocumentTokens) {

    public ScoringPair(String instruction, Content query, Content document) {
        this(instruction, query, document, null);
    }
}
