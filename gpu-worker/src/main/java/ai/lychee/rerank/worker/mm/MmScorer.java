package ai.lychee.rerank.worker.mm;

import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.protocol.TokenCount;
import ai.lychee.rerank.worker.Scorer;
import ai.lychee.rerank.worker.ScoringPair;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * lychee-rerank-mm (Qwen2.5-VL) on DJL's PyTorch engine. Nothing is loaded until {@link #warmUp()}, which
 * the worker calls only for the configured scorer.
 */
@ApplicationScoped
@Identifier("lychee-rerank-mm")
public class MmScorer implements Scorer {

    private final MmConfig config;
    private final VisionCache visionCache;
    private volatile MmReranker reranker;

    @Inject
    public MmScorer(MmConfig config) {
        this.config = config;
        this.visionCache = new VisionCache(config.visionCacheBytes());
    }

    @Override
    public String name() {
        return "lychee-rerank-mm";
    }

    @Override
    public synchronized void warmUp() {
        if (reranker == null) {
            reranker = MmReranker.load(config, visionCache);
        }
    }

    @Override
    public List<DocumentScore> score(List<ScoringPair> batch) {
        if (reranker == null) {
            warmUp();
        }
        TokenCount[] tokens = new TokenCount[batch.size()];
        List<Double> scores = reranker.score(batch, tokens);
        return java.util.stream.IntStream.range(0, scores.size())
                .mapToObj(i -> DocumentScore.of(scores.get(i)).withTokens(tokens[i]))
                .toList();
    }

    /** Vision-tower outputs kept across jobs (published by {@link VisionCacheMetrics}). */
    public VisionCache visionCache() {
        return visionCache;
    }

    /** The loaded reranker, for the benchmark and tests; null before warm-up. */
    public MmReranker reranker() {
        return reranker;
    }

    @PreDestroy
    synchronized void close() {
        if (reranker != null) {
            reranker.close();
            reranker = null;
        }
    }
}
