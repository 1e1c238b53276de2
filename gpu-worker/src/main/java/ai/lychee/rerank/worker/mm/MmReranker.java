package ai.lychee.rerank.worker.mm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.types.DataType;
import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.TokenCount;
import ai.lychee.rerank.worker.InvalidPairException;
import ai.lychee.rerank.worker.ScoringPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A loaded lychee-rerank-mm and its serving plan: model, tokenizer, image processor and prompt, checked against each
 * other at load; then, per scorer call, which work is shared (images by digest, a query's prefix across its
 * documents), what is cached across calls ({@link VisionCache}) and how documents are batched.
 */
public final class MmReranker implements AutoCloseable {

    /**
     * Per-stage wall time of the last {@link #score} call, in nanoseconds: image decoding and resizing (and
     * tokenizing), the vision tower, the shared prefixes, and the documents (or, pair by pair, each whole sequence).
     */
    public record Timings(long preprocessNanos, long visionNanos, long prefixNanos, long documentsNanos, long totalNanos) {
    }

    private final QwenVlModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final ImageProcessor images;
    private final RerankPrompt prompt;
    private final long yesId;
    private final long noId;
    private final int maxBatch;
    private final VisionCache visionCache;
    private volatile Plan plan;
    private volatile Timings lastTimings = new Timings(0, 0, 0, 0, 0);
    private volatile ForwardWork lastWork = new ForwardWork();
    private volatile float[][] lastYesNo = new float[0][];

    /**
     * How a call's pairs are run. SHARED: each distinct image once (or from the vision cache), and each query's prefix
     * once with its keys and values reused by every document. PAIR_BY_PAIR: every pair its own sequence with its own
     * images, as a plain implementation does; kept as the yardstick the shared plan must match.
     */
    public enum Plan { SHARED, PAIR_BY_PAIR }

    private MmReranker(QwenVlModel model, HuggingFaceTokenizer tokenizer, ImageProcessor images, RerankPrompt prompt,
                       long yesId, long noId, int maxBatch, VisionCache visionCache, Plan plan) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.images = images;
        this.prompt = prompt;
        this.yesId = yesId;
        this.noId = noId;
        this.maxBatch = maxBatch;
        this.visionCache = visionCache;
        this.plan = plan;
    }

    /** Loads and cross-checks everything; a {@link ModelFilesException} names what is missing or wrong. */
    public static MmReranker load(MmConfig config) {
        return load(config, new VisionCache(config.visionCacheBytes()));
    }

    /** The same, keeping vision-tower outputs across jobs in {@code visionCache}. */
    public static MmReranker load(MmConfig config, VisionCache visionCache) {
        Path dir = config.modelDir().orElseThrow(() -> new ModelFilesException(
                "lychee.worker.mm.model-dir is not set: point it at the downloaded lychee-rerank-mm directory"));
        if (!Files.isDirectory(dir)) {
            throw new ModelFilesException("lychee.worker.mm.model-dir " + dir + " is not a directory");
        }
        Path tokenizerFile = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new ModelFilesException("Model directory " + dir + " has no tokenizer.json");
        }
        if (config.maxBatch() < 1) {
            throw new ModelFilesException("lychee.worker.mm.max-batch must be at least 1");
        }
        Device device = device(config.device());
        DataType dtype = dtype(config.dtype(), device);
        QwenVlConfig modelConfig = QwenVlConfig.read(dir);
        PreprocessorConfig fromFile = PreprocessorConfig.read(dir);
        PreprocessorConfig pre = fromFile.withMaxPixels(Math.min(fromFile.maxPixels(), config.maxPixels()));
        if (pre.patchSize() != modelConfig.vision().patchSize() || pre.mergeSize() != modelConfig.vision().spatialMergeSize()
                || pre.temporalPatchSize() != modelConfig.vision().temporalPatchSize()) {
            throw new ModelFilesException("preprocessor_config.json (patch " + pre.patchSize() + ", merge "
                    + pre.mergeSize() + ", temporal " + pre.temporalPatchSize() + ") does not match config.json's vision_config");
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerFile)
                    .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
        } catch (IOException | RuntimeException e) {
            throw new ModelFilesException("Cannot load " + tokenizerFile + ": " + e.getMessage(), e);
        }
        try {
            long yes = singleToken(tokenizer, config.yesToken(), modelConfig);
            long no = singleToken(tokenizer, config.noToken(), modelConfig);
            long imagePad = singleToken(tokenizer, RerankPrompt.IMAGE_PAD, modelConfig);
            if (imagePad != modelConfig.imageTokenId()) {
                throw new ModelFilesException("tokenizer.json maps " + RerankPrompt.IMAGE_PAD + " to " + imagePad
                        + " but config.json's image_token_id is " + modelConfig.imageTokenId());
            }
            RerankPrompt prompt = new RerankPrompt(tokenizer, config.template(), config.systemPrompt(),
                    config.defaultInstruction(), config.imagePlaceholder(), modelConfig.imageTokenId(),
                    modelConfig.vision().spatialMergeSize());
            QwenVlModel model = QwenVlModel.load(dir, device, dtype);
            return new MmReranker(model, tokenizer, new ImageProcessor(pre), prompt, yes, no, config.maxBatch(),
                    visionCache, plan(config.plan()));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static long singleToken(HuggingFaceTokenizer tokenizer, String text, QwenVlConfig config) {
        long[] ids = tokenizer.encode(text).getIds();
        if (ids.length != 1) {
            throw new ModelFilesException("tokenizer.json encodes \"" + text + "\" as " + ids.length
                    + " tokens; the scorer needs it to be one token");
        }
        if (ids[0] >= config.vocabSize()) {
            throw new ModelFilesException("tokenizer.json gives \"" + text + "\" id " + ids[0]
                    + ", beyond config.json's vocab_size " + config.vocabSize());
        }
        return ids[0];
    }

    static Device device(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "cpu" -> Device.cpu();
            case "gpu", "cuda" -> {
                if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
                    throw new ModelFilesException("lychee.worker.mm.device=gpu but the PyTorch engine sees no CUDA GPU"
                            + " (is the worker built with -Pcuda, pytorch-native-cu124?)");
                }
                yield Device.gpu();
            }
            case "auto" -> Engine.getEngine("PyTorch").getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            default -> throw new ModelFilesException("lychee.worker.mm.device must be auto, cpu or gpu, not " + setting);
        };
    }

    static DataType dtype(String setting, Device device) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "auto" -> device.isGpu() ? DataType.FLOAT16 : DataType.FLOAT32;
            case "fp32", "float32" -> DataType.FLOAT32;
            case "fp16", "float16" -> DataType.FLOAT16;
            case "bf16", "bfloat16" -> throw new ModelFilesException("lychee.worker.mm.dtype=bf16 is not available:"
                    + " DJL 0.32's PyTorch engine has no bf16 tensors; use fp16 (GPU) or fp32");
            default -> throw new ModelFilesException("lychee.worker.mm.dtype must be auto, fp32 or fp16, not " + setting);
        };
    }

    public QwenVlModel model() {
        return model;
    }

    public Timings lastTimings() {
        return lastTimings;
    }

    public VisionCache visionCache() {
        return visionCache;
    }

    /** Switches the plan (the benchmark runs both on one loaded model). */
    public void plan(Plan plan) {
        this.plan = plan;
    }

    static Plan plan(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "shared" -> Plan.SHARED;
            case "pair-by-pair" -> Plan.PAIR_BY_PAIR;
            default -> throw new ModelFilesException("lychee.worker.mm.plan must be shared or pair-by-pair, not " + setting);
        };
    }

    /** The yes and no logits behind the last {@link #score} call's scores, per pair (for parity checks). */
    float[][] lastYesNo() {
        return lastYesNo;
    }

    /** The shapes the last {@link #score} call ran, for counting its FLOPs. */
    public ForwardWork lastWork() {
        return lastWork;
    }

    /** The model input for one pair (exposed so tests can check token placement). */
    public ModelInput prepare(int index, ScoringPair pair) {
        try (JobImages images = new JobImages(model, this.images, new VisionCache(0), true, new ForwardWork())) {
            return prompt.build(pair.instruction(), side(index, pair.query(), true, images), document(index, pair, images));
        }
    }

    /** One relevance score in [0, 1] per pair, in order. */
    public List<Double> score(List<ScoringPair> pairs) {
        return score(pairs, null);
    }

    /**
     * The same, also filling {@code tokens} (when not null) with what the decoder read for each pair, image tokens
     * included: with a shared prefix, the prefix as the query's tokens (read once for all its documents) and the
     * continuation as the document's; pair by pair, the whole prompt as the document's.
     *
     * <p>The serving plan: each distinct image is preprocessed and encoded once (or taken from the vision cache);
     * consecutive pairs with the same instruction and query share one prefix run, whose keys and values every
     * document's continuation reuses, in forward passes of at most {@code max-batch} documents.
     */
    public List<Double> score(List<ScoringPair> pairs, TokenCount[] tokens) {
        long start = System.nanoTime();
        boolean shared = plan == Plan.SHARED && prompt.sharesPrefix();
        ForwardWork work = new ForwardWork();
        float[][] logits;
        try (JobImages images = new JobImages(model, this.images, visionCache, shared, work)) {
            Call call = new Call(pairs, tokens, images, work);
            for (int from = 0; from < pairs.size(); ) {
                int to = from + 1;
                while (to < pairs.size() && (!shared || call.sameQuery(from, to))) {
                    to++;
                }
                if (shared) {
                    call.sharedPrefix(from, to);
                } else {
                    call.pairByPair(from, to);
                }
                from = to;
            }
            long total = System.nanoTime() - start;
            logits = call.logits;
            lastWork = work;
            lastYesNo = logits;
            lastTimings = new Timings(total - call.prefixNanos - call.documentsNanos - images.visionNanos(),
                    images.visionNanos(), call.prefixNanos, call.documentsNanos, total);
        }
        List<Double> out = new ArrayList<>(logits.length);
        for (float[] yesNo : logits) {
            out.add(YesNoScore.of(yesNo[0], yesNo[1]));
        }
        return out;
    }

    /** One scorer call's inputs, results and stage clocks. */
    private final class Call {
        final List<ScoringPair> pairs;
        final TokenCount[] tokens;
        final JobImages images;
        final ForwardWork work;
        final List<RerankPrompt.Side> queries = new ArrayList<>();
        final List<RerankPrompt.Side> documents = new ArrayList<>();
        final float[][] logits;
        long prefixNanos;
        long documentsNanos;

        Call(List<ScoringPair> pairs, TokenCount[] tokens, JobImages images, ForwardWork work) {
            this.pairs = pairs;
            this.tokens = tokens;
            this.images = images;
            this.work = work;
            this.logits = new float[pairs.size()][];
            for (int i = 0; i < pairs.size(); i++) {
                queries.add(side(i, pairs.get(i).query(), true, images));
                documents.add(document(i, pairs.get(i), images));
            }
        }

        /** Pairs [from, to) share instruction and query: their prefix once, then the documents as continuations. */
        void sharedPrefix(int from, int to) {
            String instruction = pairs.get(from).instruction();
            long[] clock = start();
            try (QwenVlModel.Prefix prefix = model.prefill(prompt.prefix(instruction, queries.get(from)), images::embeddings)) {
                prefixNanos += elapsed(clock);
                work.pass(1, prefix.length(), 0);
                for (int chunk = from; chunk < to; chunk += maxBatch) {
                    List<ModelInput> continuations = new ArrayList<>();
                    for (int i = chunk; i < Math.min(to, chunk + maxBatch); i++) {
                        continuations.add(prompt.continuation(instruction, documents.get(i)));
                        count(i, prefix.length(), continuations.get(i - chunk).ids().length);
                    }
                    clock = start();
                    store(chunk, model.continueLogits(prefix, continuations, images::embeddings, yesId, noId));
                    documentsNanos += elapsed(clock);
                    work.pass(continuations.size(), longest(continuations), prefix.length());
                }
            }
        }

        /** Pairs [from, to), each its own whole sequence, batched. */
        void pairByPair(int from, int to) {
            for (int chunk = from; chunk < to; chunk += maxBatch) {
                List<ModelInput> inputs = new ArrayList<>();
                for (int i = chunk; i < Math.min(to, chunk + maxBatch); i++) {
                    inputs.add(prompt.build(pairs.get(i).instruction(), queries.get(i), documents.get(i)));
                    count(i, 0, inputs.get(i - chunk).ids().length);
                }
                long[] clock = start();
                store(chunk, model.lastLogits(inputs, images::embeddings, yesId, noId));
                documentsNanos += elapsed(clock);
                work.pass(inputs.size(), longest(inputs), 0);
            }
        }

        /** Whether pair {@code b} asks the same as pair {@code a}: same instruction, query text and query image. */
        boolean sameQuery(int a, int b) {
            RerankPrompt.Side qa = queries.get(a);
            RerankPrompt.Side qb = queries.get(b);
            return java.util.Objects.equals(pairs.get(a).instruction(), pairs.get(b).instruction())
                    && java.util.Objects.equals(qa.text(), qb.text())
                    && (qa.image() == null ? qb.image() == null
                            : qb.image() != null && qa.image().digest().equals(qb.image().digest()));
        }

        private void count(int pair, int query, int document) {
            if (tokens != null) {
                tokens[pair] = new TokenCount(query, document);
            }
        }

        private void store(int first, float[][] yesNo) {
            System.arraycopy(yesNo, 0, logits, first, yesNo.length);
        }

        /** Wall clock and vision time now: the decoder's time is the first's growth less the second's. */
        private long[] start() {
            return new long[] {System.nanoTime(), images.visionNanos()};
        }

        private long elapsed(long[] clock) {
            return System.nanoTime() - clock[0] - (images.visionNanos() - clock[1]);
        }
    }

    private static int longest(List<ModelInput> inputs) {
        return inputs.stream().mapToInt(in -> in.ids().length).max().orElse(0);
    }

    private RerankPrompt.Side document(int index, ScoringPair pair, JobImages images) {
        RerankPrompt.Side document = side(index, pair.document(), false, images);
        if (pair.maxDocumentTokens() != null && document.text() != null) {
            document = new RerankPrompt.Side(firstTokens(document.text(), pair.maxDocumentTokens()), document.image());
        }
        return document;
    }

    /** The text cut after its first {@code max} tokens, at the end of the last token kept (max_tokens_per_doc). */
    private String firstTokens(String text, int max) {
        ai.djl.huggingface.tokenizers.jni.CharSpan[] spans = tokenizer.encode(text).getCharTokenSpans();
        if (spans.length <= max) {
            return text;
        }
        return text.substring(0, spans[max - 1] == null ? text.length() : spans[max - 1].getEnd());
    }

    private RerankPrompt.Side side(int index, Content content, boolean query, JobImages images) {
        String what = query ? "query" : "document";
        if (content == null || (!content.hasText() && !content.hasImage())) {
            throw new InvalidPairException(index, query, "pair " + index + ": the " + what + " has neither text nor image");
        }
        ProcessedImage image = null;
        if (content.hasImage()) {
            try {
                image = images.image(content.image());
            } catch (IllegalArgumentException e) {
                throw new InvalidPairException(index, query, "pair " + index + ": the " + what + " image: " + e.getMessage());
            }
        }
        return new RerankPrompt.Side(content.text(), image);
    }

    @Override
    public void close() {
        visionCache.clear();
        model.close();
        tokenizer.close();
    }
}
