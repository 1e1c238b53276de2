package ai.lychee.rerank.functions.validation;

import ai.lychee.rerank.protocol.Content;
import java.util.List;

/** A rerank request that passed validation: resolved instruction, contents, and how many results to return. */
public record ValidatedRerank(String instruction, Content query, List<Content> documents, int topN, boolean returnDocuments) {
}
