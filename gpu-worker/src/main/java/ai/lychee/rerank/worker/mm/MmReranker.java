package ai.lychee.rerank.worker.mm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.types.DataType;
import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.worker.InvalidPairException;
import ai.lychee.rerank.worker.ScoringPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A loaded lychee-rerank-mm: model, tokenizer, image processor and prompt, checked against each other.
 * Scores pairs in forward passes of at most {@code max-batch} pairs.
 */
public final class MmReranker implements AutoCloseable {

    /** Per-stage wall time of the last {@link #score} call, in nanoseconds. */
    public record Timings(long preprocessNanos, long visionNanos, long decoderNanos, long totalNanos) {
    }

    private final QwenVlModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final ImageProcessor images;
    private final RerankPrompt prompt;
    private final long yesId;
    private final long noId;
    private final int maxBatch;
    private volatile Timings lastTimings = new Timings(0, 0, 0, 0);

    private MmReranker(QwenVlModel model, HuggingFaceTokenizer tokenizer, ImageProcessor images, RerankPrompt prompt,
                       long yesId, long noId, int maxBatch) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.images = images;
        this.prompt = prompt;
        this.yesId = yesId;
        this.noId = noId;
        this.maxBatch = maxBatch;
    }

    /** Loads and cross-checks everything; a {@link ModelFilesException} names what is missing or wrong. */
    public static MmReranker load(MmConfig config) {
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
            return new MmReranker(model, tokenizer, new ImageProcessor(pre), prompt, yes, no, config.maxBatch());
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

    /** The model input for one pair (exposed so tests can check token placement). */
    public ModelInput prepare(int index, ScoringPair pair) {
        RerankPrompt.Side document = side(index, pair.document(), false);
        if (pair.maxDocumentTokens() != null && document.text() != null) {
            document = new RerankPrompt.Side(firstTokens(document.text(), pair.maxDocumentTokens()), document.image());
        }
        return prompt.build(pair.instruction(), side(index, pair.query(), true), document);
    }

    /** The text cut after its first {@code max} tokens, at the end of the last token kept (max_tokens_per_doc). */
    private String firstTokens(String text, int max) {
        ai.djl.huggingface.tokenizers.jni.CharSpan[] spans = tokenizer.encode(text).getCharTokenSpans();
        if (spans.length <= max) {
            return text;
        }
        return text.substring(0, spans[max - 1] == null ? text.length() : spans[max - 1].getEnd());
    }

    /** One relevance score in [0, 1] per pair, in order. */
    public List<Double> score(List<ScoringPair> pairs) {
        return score(pairs, null);
    }

    /**
     * The same, also filling {@code promptTokens} (when not null) with each pair's prompt length: every token the
     * decoder reads for it, image tokens included.
     */
    public List<Double> score(List<ScoringPair> pairs, int[] promptTokens) {
        long start = System.nanoTime();
        List<ModelInput> inputs = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            inputs.add(prepare(i, pairs.get(i)));
            if (promptTokens != null) {
                promptTokens[i] = inputs.get(i).ids().length;
            }
        }
        long prepared = System.nanoTime();
        List<Double> scores = new ArrayList<>(pairs.size());
        long vision = 0;
        long decoder = 0;
        for (int from = 0; from < inputs.size(); from += maxBatch) {
            List<ModelInput> chunk = inputs.subList(from, Math.min(inputs.size(), from + maxBatch));
            for (float[] yesNo : model.lastLogits(chunk, yesId, noId)) {
                scores.add(YesNoScore.of(yesNo[0], yesNo[1]));
            }
            vision += model.lastTimes().visionNanos();
            decoder += model.lastTimes().decoderNanos();
        }
        lastTimings = new Timings(prepared - start, vision, decoder, System.nanoTime() - start);
        return scores;
    }

    private RerankPrompt.Side side(int index, Content content, boolean query) {
        String what = query ? "query" : "document";
        if (content == null || (!content.hasText() && !content.hasImage())) {
            throw new InvalidPairException(index, query, "pair " + index + ": the " + what + " has neither text nor image");
        }
        ProcessedImage image = null;
        if (content.hasImage()) {
            try {
                image = images.process(content.image());
            } catch (IllegalArgumentException e) {
                throw new InvalidPairException(index, query, "pair " + index + ": the " + what + " image: " + e.getMessage());
            }
        }
        return new RerankPrompt.Side(content.text(), image);
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
