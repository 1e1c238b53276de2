package ai.lychee.rerank.worker.lite;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One bge-small model on DJL's ONNX Runtime engine with its HuggingFace tokenizer, loaded straight from the
 * classpath. Embeds texts in real batches: sorted by token length and cut into buckets, each padded only to
 * its own longest text, so short texts never pay for a long neighbour. Buckets run side by side on
 * {@code parallel-runs} threads (one ONNX Runtime session is safe to run concurrently); a bucket's result never
 * depends on which thread ran it or what ran beside it. The graph is tuned before loading (BertGraphTuning),
 * which changes no bit of the embeddings.
 */
public final class BgeEncoder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BgeEncoder.class);

    /** Characters kept before tokenizing: more than {@link BgeModel#WINDOW} tokens of any script. */
    private static final int CHARS_PER_TOKEN_BOUND = 12;

    private final BgeModel bge;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    /** One predictor per concurrent run (a DJL predictor is not thread-safe; the session under them is shared). */
    private final BlockingQueue<Predictor<Encoding[], float[][]>> predictors;
    /** Runs buckets side by side; null when {@code parallel-runs} is 1. */
    private final ExecutorService runs;
    private final int maxTokens;
    private final int bucketSize;
    private final boolean takesTokenTypes;
    /** What was rewritten in the graph before loading it, in words (the model's bytes are not kept). */
    private final String graphTuning;

    public BgeEncoder(BgeModel bge, int maxTokens, int bucketSize, LiteConfig.Runtime runtime) {
        this.bge = bge;
        this.maxTokens = Math.max(8, Math.min(maxTokens, BgeModel.WINDOW));
        this.bucketSize = Math.max(1, bucketSize);
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(resource(bge.tokenizerResource()), Map.of(
                    "maxLength", Integer.toString(this.maxTokens),
                    "truncation", "true",
                    "padding", "false",
                    "addSpecialTokens", "true"));
            byte[] onnx;
            try (InputStream in = resource(bge.onnxResource())) {
                onnx = in.readAllBytes();
            }
            String tuning = "as shipped";
            if (runtime.graphTuning()) {
                BertGraphTuning.Result tuned = BertGraphTuning.tune(onnx, this.bucketSize == 1);
                onnx = tuned.model();
                tuning = tuned.summary();
            }
            this.graphTuning = tuning;
            LOG.debugf("lite %s graph: %s", bge.key(), graphTuning);
            this.model = Model.newInstance(bge.key(), "OnnxRuntime");
            loadFromFile(model, bge, onnx, sessionOptions(runtime));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + bge, e);
        } catch (MalformedModelException | OrtException e) {
            throw new IllegalStateException("cannot load " + bge, e);
        }
        this.takesTokenTypes = takesTokenTypes(model);
        int parallel = parallelRuns(runtime);
        this.predictors = new ArrayBlockingQueue<>(parallel);
        for (int i = 0; i < parallel; i++) {
            predictors.add(model.newPredictor(new EmbeddingTranslator(takesTokenTypes)));
        }
        this.runs = parallel == 1 ? null : Executors.newFixedThreadPool(parallel, daemonThreads(bge));
    }

    /** {@code parallel-runs}, or when 0 as many runs as fit the cores with {@code intra-op-threads} each. */
    static int parallelRuns(LiteConfig.Runtime runtime) {
        if (runtime.parallelRuns() > 0) {
            return runtime.parallelRuns();
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int intra = runtime.intraOpThreads() > 0 ? runtime.intraOpThreads() : cores;
        return Math.max(1, cores / intra);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(BgeModel bge) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "lite-" + bge.key() + "-forward-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Whether the ONNX graph has a token_type_ids input (both bundled models do; we feed zeros). */
    public boolean takesTokenTypes() {
        return takesTokenTypes;
    }

    public BgeModel bge() {
        return bge;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** Whether every text gets a forward run of its own (bucket-size 1), so no embedding depends on another text. */
    public boolean runsEachTextAlone() {
        return bucketSize == 1;
    }

    /** What graph tuning rewrote, in words ("as shipped" when it was off or found nothing to do). */
    public String graphTuning() {
        return graphTuning;
    }

    /** L2-normalized [CLS] embeddings, one per text, in order. */
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        Encoding[] encodings = tokenize(texts);
        Integer[] order = new Integer[encodings.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
        List<Encoding[]> buckets = new ArrayList<>();
        for (int from = 0; from < order.length; from += bucketSize) {
            int to = Math.min(order.length, from + bucketSize);
            Encoding[] bucket = new Encoding[to - from];
            for (int k = from; k < to; k++) {
                bucket[k - from] = encodings[order[k]];
            }
            buckets.add(bucket);
        }
        List<float[][]> vectors = forwardAll(buckets);
        float[][] out = new float[encodings.length][];
        for (int b = 0, k = 0; b < buckets.size(); b++) {
            for (float[] v : vectors.get(b)) {
                out[order[k++]] = v;
            }
        }
        return out;
    }

    /** Every bucket's forward pass, side by side when there are runs to spare; results in bucket order. */
    private List<float[][]> forwardAll(List<Encoding[]> buckets) {
        List<float[][]> out = new ArrayList<>(buckets.size());
        if (runs == null || buckets.size() == 1) {
            for (Encoding[] bucket : buckets) {
                out.add(forward(bucket));
            }
            return out;
        }
        // longest first (buckets come shortest first): the runs then finish close together instead of one
        // waiting on the longest text at the end
        List<Future<float[][]>> pending = new ArrayList<>(java.util.Collections.nCopies(buckets.size(), null));
        for (int b = buckets.size() - 1; b >= 0; b--) {
            Encoding[] bucket = buckets.get(b);
            pending.set(b, runs.submit(() -> forward(bucket)));
        }
        try {
            for (Future<float[][]> f : pending) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            pending.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding with " + bge, e);
        } catch (ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("forward pass of " + bge + " failed", e.getCause());
        }
    }

    /** Tokenizes with the model's truncation; very long texts are cut by characters first to spare the tokenizer. */
    public Encoding[] tokenize(List<String> texts) {
        List<String> cut = new ArrayList<>(texts.size());
        int keep = maxTokens * CHARS_PER_TOKEN_BOUND;
        for (String t : texts) {
            cut.add(t.length() > keep ? t.substring(0, keep) : t);
        }
        return tokenizer.batchEncode(cut);
    }

    /** Tokens the model reads of each text: [CLS] and [SEP] included, after truncation to its window. */
    public int[] tokenCounts(List<String> texts) {
        Encoding[] encodings = tokenize(texts);
        int[] counts = new int[encodings.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = encodings[i].getIds().length;
        }
        return counts;
    }

    /**
     * The text cut after its first {@code maxTokens} tokens ([CLS] and [SEP] not counted), at the end of the last
     * token kept, so it reads back as at most that many; a text within the budget comes back as it is.
     */
    public String truncate(String text, int maxTokens) {
        Encoding encoding = tokenize(List.of(text))[0];
        long[] special = encoding.getSpecialTokenMask();
        ai.djl.huggingface.tokenizers.jni.CharSpan[] spans = encoding.getCharTokenSpans();
        int kept = 0;
        int end = 0;
        for (int t = 0; t < spans.length; t++) {
            if (special[t] == 1 || spans[t] == null) {
                continue;
            }
            if (kept == maxTokens) {
                return text.substring(0, end);
            }
            kept++;
            end = Math.max(end, spans[t].getEnd());
        }
        return text;
    }

    /** One forward pass over an already tokenized bucket (what the forward benchmark times). */
    public float[][] forward(Encoding[] bucket) {
        Predictor<Encoding[], float[][]> predictor;
        try {
            predictor = predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a forward run of " + bge, e);
        }
        try {
            return predictor.predict(bucket);
        } catch (TranslateException e) {
            throw new IllegalStateException("forward pass of " + bge + " failed", e);
        } finally {
            predictors.add(predictor);
        }
    }

    @Override
    public synchronized void close() {
        if (runs != null) {
            runs.shutdownNow();
            try {
                runs.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        predictors.forEach(Predictor::close);
        model.close();
        tokenizer.close();
    }

    private static boolean takesTokenTypes(Model model) {
        PairList<String, Shape> inputs = model.describeInput();
        return inputs == null || inputs.keys().contains("token_type_ids");
    }

    /**
     * ONNX Runtime session settings, handed to DJL as a ready SessionOptions object so that options DJL has no
     * key for (thread spinning) can be set too.
     */
    private static Map<String, Object> sessionOptions(LiteConfig.Runtime runtime) throws OrtException {
        int intra = runtime.intraOpThreads() > 0 ? runtime.intraOpThreads() : Runtime.getRuntime().availableProcessors();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(intra);
        options.setInterOpNumThreads(Math.max(1, runtime.interOpThreads()));
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(runtime.optimizationLevel()));
        options.setCPUArenaAllocator(runtime.cpuArena());
        options.setMemoryPatternOptimization(runtime.memoryPattern());
        // spinning workers burn a core waiting for work: a loss wherever cores are shared
        options.addConfigEntry("session.intra_op.allow_spinning", runtime.allowSpinning() ? "1" : "0");
        return Map.of("sessionOptions", options);
    }

    /**
     * Hands the graph to ONNX Runtime as a file, which it reads natively: loading from a stream would have DJL
     * copy the model through growing Java buffers, and at start-up, with both models and the OCR loading side
     * by side, those copies are what fill the heap (seen as an OutOfMemoryError at -Xmx2g).
     */
    private static void loadFromFile(Model model, BgeModel bge, byte[] onnx, Map<String, Object> options)
            throws IOException, MalformedModelException {
        Path file = Files.createTempFile("lychee-" + bge.key() + "-", ".onnx");
        try {
            Files.write(file, onnx);
            model.load(file, null, options);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BgeEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("classpath resource " + name + " is missing (langchain4j-embeddings-bge jar not on the classpath?)");
        }
        return in;
    }
}
