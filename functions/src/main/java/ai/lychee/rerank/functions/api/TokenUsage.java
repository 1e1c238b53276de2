package ai.lychee.rerank.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Tokens the model read to answer a request, in the shape Jina-style clients read: {@code prompt_tokens} and
 * {@code total_tokens} (the same: a reranker writes nothing) count what was read now, the query once and every
 * document scored now; {@code cached_tokens} counts the documents answered from the hot-query cache, which the
 * model read when their scores were first computed and not again. Null where a worker did not report its counts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenUsage(
        @JsonProperty("prompt_tokens") Integer promptTokens,
        @JsonProperty("total_tokens") Integer totalTokens,
        @JsonProperty("cached_tokens") Integer cachedTokens) {

    public static final TokenUsage UNKNOWN = new TokenUsage(null, null, null);

    public static TokenUsage of(Integer readNow, Integer cached) {
        return new TokenUsage(readNow, readNow, cached);
    }
}
