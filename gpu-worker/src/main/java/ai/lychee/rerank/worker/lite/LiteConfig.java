package ai.lychee.rerank.worker.lite;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the lite scorer (bge-small zh/en through ONNX Runtime). Every key has a default, so zero
 * configuration works; the defaults suit a small CPU machine.
 */
@ConfigMapping(prefix = "lychee.worker.lite")
public interface LiteConfig {

    /**
     * Tokens per text fed to the model, [CLS] and [SEP] included. bge-small has a 512-position window, so
     * larger values are clamped to 512; longer texts are cut at the end (their head is what is embedded).
     */
    @WithDefault("512")
    int maxTokens();

    /**
     * Which model embeds a pair: {@code auto} (bge-small-zh when the query or the document holds CJK
     * characters, bge-small-en otherwise), {@code zh} or {@code en} for every pair.
     */
    @WithDefault("auto")
    String route();

    /**
     * Texts per forward pass; a batch is sorted by length and cut into buckets of at most this many, each padded
     * only to its own longest text. The default, 1, runs every text alone: the quantized bge-small scales its
     * activations over the whole input tensor, so a text embedded beside others shifts with them (up to 0.02 in
     * score, enough to cross a band), while on a CPU one-text runs are as fast as buckets of 8 (no padding at
     * all). With 1 a document's score never depends on the request it came in.
     */
    @WithDefault("1")
    int bucketSize();

    /**
     * Document embeddings kept, keyed by model and the SHA-256 of the text, least recently used evicted first;
     * 0 turns the cache off. An entry costs about 2.2 KB (bge-small-zh, 512 floats) or 1.7 KB (en, 384), so the
     * default holds at most about 45 MB. A request whose documents are all known does only query-side work.
     */
    @WithDefault("20000")
    int documentCacheSize();

    /** Query embeddings kept (queries repeat across micro-batches of one request); 0 turns it off. */
    @WithDefault("1000")
    int queryCacheSize();

    /** ONNX Runtime session settings. */
    Runtime runtime();

    interface Runtime {
        /**
         * Threads inside one operator; 0 means one per available core. Measured on a 2-core machine shared with
         * other work: 1 thread was 3x faster than 2 (see LiteForwardBenchmark); on dedicated cores, try more.
         */
        @WithDefault("1")
        int intraOpThreads();

        /**
         * Forward runs (buckets) side by side, each on its own thread with {@code intra-op-threads} threads inside;
         * 0 means as many as fit the cores (cores / intra-op threads). Runs are independent, so scores do not
         * change with this; throughput does. Measured on a 2-core machine: see docs/performance.md.
         */
        @WithDefault("0")
        int parallelRuns();

        /** Let idle intra-op threads spin waiting for work: lower latency on dedicated cores, waste on shared ones. */
        @WithDefault("false")
        boolean allowSpinning();

        /** Threads across independent operators (only used in parallel execution mode). */
        @WithDefault("1")
        int interOpThreads();

        /** Graph optimization level: NO_OPT, BASIC_OPT, EXTENDED_OPT or ALL_OPT (ONNX Runtime's names). */
        @WithDefault("ALL_OPT")
        String optimizationLevel();

        /** ONNX Runtime's CPU memory arena: faster repeated allocations, memory held between calls. */
        @WithDefault("true")
        boolean cpuArena();

        /** Memory pattern planning (pays off when shapes repeat). */
        @WithDefault("true")
        boolean memoryPattern();

        /**
         * Rewrite the bundled graphs so ONNX Runtime does less for the same bits (BertGraphTuning): bias adds
         * turned so they fuse into the matmuls and, when bucket-size is 1, the all-zero attention-mask adds
         * dropped. Off runs the graphs exactly as shipped, for comparison.
         */
        @WithDefault("true")
        boolean graphTuning();
    }
}
