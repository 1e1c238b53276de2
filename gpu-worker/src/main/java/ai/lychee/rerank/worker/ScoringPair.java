package ai.lychee.rerank.worker;

import ai.lychee.rerank.protocol.Content;

/** One (instruction, query, document) triple to be scored; the unit the batcher works in. */
public record ScoringPair(String instruction, Content query, Content document) {
}
