package ai.lychee.rerank.benchmarks;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.worker.ScoringPair;
import ai.lychee.rerank.worker.lite.BgeEncoder;
import ai.lychee.rerank.worker.lite.BgeModel;
import ai.lychee.rerank.worker.lite.LiteConfig;
import ai.lychee.rerank.worker.lite.LiteConfigs;
import ai.lychee.rerank.worker.lite.LiteScorer;
import java.util.List;
import java.util.Map;

/**
 * Our lite path in this process, configured as the app is (defaults plus lychee.worker.lite.* system properties):
 * the English encoder alone (what embedAll is compared with) and the whole lite scorer with its embedding caches
 * off, so every call embeds the query and every document (the forward work of a cold request).
 */
final class OurPath implements AutoCloseable {

    static final String INSTRUCTION = "Given a query, retrieve relevant documents.";

    private final LiteConfig config;
    private final BgeEncoder encoder;
    /** The same encoder with one run at a time: what one core does, to show the floor the parallel runs reach. */
    private final BgeEncoder oneRun;
    /** The same encoder on the graph as shipped (no BertGraphTuning): what the tuning is worth. */
    private final BgeEncoder asShipped;
    private final LiteScorer uncachedScorer;

    OurPath() {
        this.config = LiteConfigs.fromEnvironment();
        this.encoder = new BgeEncoder(BgeModel.EN, config.maxTokens(), config.bucketSize(), config.runtime());
        LiteConfig serial = LiteConfigs.fromEnvironment(Map.of("lychee.worker.lite.runtime.parallel-runs", "1"));
        this.oneRun = new BgeEncoder(BgeModel.EN, serial.maxTokens(), serial.bucketSize(), serial.runtime());
        LiteConfig shipped = LiteConfigs.fromEnvironment(Map.of("lychee.worker.lite.runtime.graph-tuning", "false"));
        this.asShipped = new BgeEncoder(BgeModel.EN, shipped.maxTokens(), shipped.bucketSize(), shipped.runtime());
        this.uncachedScorer = LiteScorer.standalone(LiteConfigs.fromEnvironment(Map.of(
                "lychee.worker.lite.document-cache-size", "0",
                "lychee.worker.lite.query-cache-size", "0")));
        uncachedScorer.warmUp();
    }


    LiteConfig config() {
        return config;
    }

    /** Tokenize, forward, [CLS] pooling, L2 norm: the same work as embedAll. */
    float[][] embed(List<String> texts) {
        return encoder.embed(texts);
    }

    /** {@link #embed} with one forward run at a time. */
    float[][] embedOneRunAtATime(List<String> texts) {
        return oneRun.embed(texts);
    }

    /** {@link #embed} on the graph as shipped. */
    float[][] embedAsShipped(List<String> texts) {
        return asShipped.embed(texts);
    }

    /** What graph tuning did to our encoder's graph, in words. */
    String graphTuning() {
        return encoder.graphTuning();
    }

    /** The lite scorer on (query, document) pairs with nothing cached. */
    List<DocumentScore> scoreUncached(String query, List<String> documents) {
        return uncachedScorer.score(documents.stream()
                .map(d -> new ScoringPair(INSTRUCTION, Content.text(query), Content.text(d)))
                .toList());
    }

    @Override
    public void close() {
        encoder.close();
        oneRun.close();
        asShipped.close();
    }
}
