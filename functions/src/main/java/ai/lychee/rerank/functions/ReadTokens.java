package ai.lychee.rerank.functions;

import ai.lychee.rerank.functions.api.TokenUsage;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.protocol.TokenCount;
import java.util.List;

/**
 * Adds up what the model read for a request from each document's {@link TokenCount}: the query once (the largest
 * count a pair reports: the lite model may read an English query with both its models) and every document's own
 * tokens. Documents scored now make {@code prompt_tokens}; documents answered from the hot-query cache were read
 * when first scored and make {@code cached_tokens} (their query was not read again). A count a worker did not
 * report makes its total unknown rather than low.
 */
final class ReadTokens {

    private ReadTokens() {
    }

    static TokenUsage of(List<DocumentScore> scoredNow, List<DocumentScore> fromCache) {
        return TokenUsage.of(sum(scoredNow, true), sum(fromCache, false));
    }

    private static Integer sum(List<DocumentScore> scores, boolean withQuery) {
        int query = 0;
        int documents = 0;
        for (DocumentScore s : scores) {
            TokenCount t = s.tokens();
            if (t == null) {
                return null;
            }
            query = Math.max(query, t.query());
            documents += t.document();
        }
        return (withQuery ? query : 0) + documents;
    }
}
