package ai.lychee.rerank.functions;

import ai.lychee.rerank.functions.api.RerankResult;
import ai.lychee.rerank.functions.api.TokenUsage;
import java.util.List;

/** A scored request: its results, best first (cut to top_n), and the tokens the model read for it. */
public record Ranking(List<RerankResult> results, TokenUsage usage) {
}
