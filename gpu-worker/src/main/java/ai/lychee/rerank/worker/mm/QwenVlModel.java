package ai.lychee.rerank.worker.mm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Qwen2.5-VL for scoring: the weights and the forward pass, nothing about what is batched or cached (that is the
 * serving plan's, in {@link MmReranker}). A left-padded batch of whole sequences, or a prefix run once and then
 * continued by many sequences that reuse its keys and values; images' embeddings put in place of their tokens, and
 * the last position's logits read. No generation.
 */
public final class QwenVlModel implements AutoCloseable {

    /** Time spent in each stage of the last forward pass, in nanoseconds. */
    public record StageTimes(long visionNanos, long decoderNanos) {
    }

    private final QwenVlConfig config;
    private final NDManager manager;
    private final DataType dtype;
    private final VisionEncoder vision;
    private final TextDecoder decoder;
    private volatile StageTimes lastTimes = new StageTimes(0, 0);

    private QwenVlModel(QwenVlConfig config, NDManager manager, DataType dtype, VisionEncoder vision,
                        TextDecoder decoder) {
        this.config = config;
        this.manager = manager;
        this.dtype = dtype;
        this.vision = vision;
        this.decoder = decoder;
    }

    /** Loads config.json and the safetensors of {@code dir} onto {@code device} in {@code dtype}. */
    public static QwenVlModel load(Path dir, Device device, DataType dtype) {
        QwenVlConfig config = QwenVlConfig.read(dir);
        SafetensorsWeights weights = SafetensorsWeights.open(dir);
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try (TensorLoader loader = new TensorLoader(weights, manager, dtype)) {
            VisionEncoder vision = new VisionEncoder(config.vision(), loader, manager, dtype);
            TextDecoder decoder = new TextDecoder(config, loader, manager, dtype);
            return new QwenVlModel(config, manager, dtype, vision, decoder);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public QwenVlConfig config() {
        return config;
    }

    public DataType dtype() {
        return dtype;
    }

    public Device device() {
        return manager.getDevice();
    }

    public StageTimes lastTimes() {
        return lastTimes;
    }

    /** Merged vision embeddings of the images, concatenated in order, as fp32 rows. */
    public float[][] visionEmbeddings(List<ProcessedImage> images) {
        try (NDScope ignored = new NDScope()) {
            NDList parts = new NDList();
            images.forEach(image -> parts.add(encodeImage(image)));
            return rows(parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0));
        }
    }

    /** One image through the vision tower: [tokens, hidden] in the model's dtype, rows in the image's token order. */
    public NDArray encodeImage(ProcessedImage image) {
        if (image.pixelValues() == null) {
            throw new IllegalArgumentException("image " + image.digest() + " has no pixels to encode");
        }
        return Scopes.keepOne(() -> vision.encode(image).toType(dtype, false));
    }

    /** Where a forward pass gets each image's embeddings: encoded on the spot, or from a serving plan's cache. */
    @FunctionalInterface
    public interface VisionSource {
        NDArray embeddings(ProcessedImage image);
    }

    /** The last position's logits over the whole vocabulary, per input. */
    public float[][] lastLogits(List<ModelInput> inputs) {
        return run(inputs, this::encodeImage, null);
    }

    /** The last position's logits for the given tokens only, per input: each input scored alone, images encoded here. */
    public float[][] lastLogits(List<ModelInput> inputs, long... tokenIds) {
        return run(inputs, this::encodeImage, tokenIds);
    }

    /** The same with images from {@code images}. */
    public float[][] lastLogits(List<ModelInput> inputs, VisionSource images, long... tokenIds) {
        return run(inputs, images, tokenIds);
    }

    /**
     * A prefix run once: its tokens and images, and every layer's keys and values, for continuations to reuse.
     * Close it when the last continuation is scored.
     */
    public static final class Prefix implements AutoCloseable {
        private final ModelInput input;
        private final TextDecoder.PrefixCache cache;

        private Prefix(ModelInput input, TextDecoder.PrefixCache cache) {
            this.input = input;
            this.cache = cache;
        }

        public int length() {
            return input.ids().length;
        }

        @Override
        public void close() {
            cache.close();
        }
    }

    /** Runs {@code prefix} (one sequence, no padding) through the decoder and keeps its keys and values. */
    public Prefix prefill(ModelInput prefix, VisionSource images) {
        try (NDScope ignored = new NDScope()) {
            long start = System.nanoTime();
            int length = prefix.ids().length;
            long[][] positions = MropeIndex.of(prefix.ids(), grids(prefix.images()), config.imageTokenId(),
                    config.vision().spatialMergeSize());
            NDArray embeds = embed(List.of(prefix), length, images);
            Prefix done = new Prefix(prefix, decoder.prefill(embeds, positions));
            lastTimes = new StageTimes(0, System.nanoTime() - start);
            return done;
        }
    }

    /**
     * The last position's logits for the given tokens, per continuation of {@code prefix}: the same figures as scoring
     * prefix + continuation alone, with the prefix computed once. Continuations are left-padded among themselves.
     */
    public float[][] continueLogits(Prefix prefix, List<ModelInput> continuations, VisionSource images, long... tokenIds) {
        if (continuations.isEmpty()) {
            return new float[0][];
        }
        try (NDScope ignored = new NDScope()) {
            long start = System.nanoTime();
            int batch = continuations.size();
            int length = continuations.stream().mapToInt(in -> in.ids().length).max().orElse(0);
            int offset = prefix.length();
            long[][][] positions = new long[batch][3][length];
            boolean[][] attended = new boolean[batch][length];
            for (int b = 0; b < batch; b++) {
                ModelInput own = continuations.get(b);
                // positions continue the prefix's: index the whole sequence and keep the continuation's part
                ModelInput whole = prefix.input.followedBy(own);
                long[][] all = MropeIndex.of(whole.ids(), grids(whole.images()), config.imageTokenId(),
                        config.vision().spatialMergeSize());
                int pad = length - own.ids().length;
                for (int l = 0; l < length; l++) {
                    attended[b][l] = l >= pad;
                    for (int a = 0; a < 3; a++) {
                        positions[b][a][l] = l >= pad ? all[a][offset + l - pad] : 1;
                    }
                }
            }
            NDArray embeds = embed(continuations, length, images);
            NDArray hidden = decoder.lastHiddenAfter(prefix.cache, embeds, positions, attended);
            float[][] out = rows(decoder.logits(hidden, tokenIds));
            lastTimes = new StageTimes(0, System.nanoTime() - start);
            return out;
        }
    }

    private float[][] run(List<ModelInput> inputs, VisionSource images, long[] tokenIds) {
        if (inputs.isEmpty()) {
            return new float[0][];
        }
        try (NDScope ignored = new NDScope()) {
            long start = System.nanoTime();
            int batch = inputs.size();
            int length = inputs.stream().mapToInt(in -> in.ids().length).max().orElse(0);
            boolean[][] attended = new boolean[batch][length];
            long[][][] positions = new long[batch][][];
            for (int b = 0; b < batch; b++) {
                ModelInput in = inputs.get(b);
                int pad = length - in.ids().length;
                long[][] own = MropeIndex.of(in.ids(), grids(in.images()), config.imageTokenId(),
                        config.vision().spatialMergeSize());
                positions[b] = new long[3][length];
                for (int l = 0; l < length; l++) {
                    attended[b][l] = l >= pad;
                    for (int a = 0; a < 3; a++) {
                        positions[b][a][l] = l >= pad ? own[a][l - pad] : 1;
                    }
                }
            }
            long[] visionNanos = new long[1];
            NDArray embeds = embed(inputs, length, image -> {
                long t = System.nanoTime();
                NDArray e = images.embeddings(image);
                visionNanos[0] += System.nanoTime() - t;
                return e;
            });
            NDArray hidden = decoder.lastHidden(embeds, positions, attended);
            NDArray logits = tokenIds == null ? decoder.logits(hidden) : decoder.logits(hidden, tokenIds);
            float[][] out = rows(logits);
            lastTimes = new StageTimes(visionNanos[0], System.nanoTime() - start - visionNanos[0]);
            return out;
        }
    }

    /** Token embeddings [B, length, hidden] of left-padded inputs, each image's embeddings in place of its tokens. */
    private NDArray embed(List<ModelInput> inputs, int length, VisionSource images) {
        int batch = inputs.size();
        long[] ids = new long[batch * length];
        List<Long> imageSlots = new ArrayList<>();
        NDList imageEmbeds = new NDList();
        for (int b = 0; b < batch; b++) {
            ModelInput in = inputs.get(b);
            int pad = length - in.ids().length;
            for (int l = pad; l < length; l++) {
                int id = in.ids()[l - pad];
                ids[b * length + l] = id;
                if (id == config.imageTokenId()) {
                    imageSlots.add((long) b * length + l);
                }
            }
            for (ProcessedImage image : in.images()) {
                imageEmbeds.add(images.embeddings(image));
            }
        }
        NDArray embeds = decoder.embed(ids, batch, length);
        if (imageEmbeds.isEmpty()) {
            if (!imageSlots.isEmpty()) {
                throw new IllegalArgumentException("image tokens without images");
            }
            return embeds;
        }
        NDArray visionEmbeds = imageEmbeds.size() == 1 ? imageEmbeds.get(0) : NDArrays.concat(imageEmbeds, 0);
        if (visionEmbeds.getShape().get(0) != imageSlots.size()) {
            throw new IllegalArgumentException("the batch holds " + imageSlots.size()
                    + " image tokens but its images give " + visionEmbeds.getShape().get(0));
        }
        NDArray flat = embeds.reshape(-1, config.hiddenSize());
        long[] slots = imageSlots.stream().mapToLong(Long::longValue).toArray();
        flat.set(new NDIndex("{}", manager.create(slots)), visionEmbeds.toType(dtype, false));
        return flat.reshape(batch, length, config.hiddenSize());
    }

    private static List<int[]> grids(List<ProcessedImage> images) {
        return images.stream().map(im -> new int[] {im.gridT(), im.gridH(), im.gridW()}).toList();
    }

    private static float[][] rows(NDArray array) {
        NDArray f = array.toType(DataType.FLOAT32, false);
        long n = f.getShape().get(0);
        int width = (int) f.getShape().get(1);
        float[] flat = f.toFloatArray();
        float[][] out = new float[(int) n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
