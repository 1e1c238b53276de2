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
 * Qwen2.5-VL for scoring: one forward pass over a left-padded batch, images encoded and put in place of
 * their tokens, and the last position's logits read. No generation, no KV cache.
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
    private final int padId;
    private volatile StageTimes lastTimes = new StageTimes(0, 0);

    private QwenVlModel(QwenVlConfig config, NDManager manager, DataType dtype, VisionEncoder vision,
                        TextDecoder decoder, int padId) {
        this.config = config;
        this.manager = manager;
        this.dtype = dtype;
        this.vision = vision;
        this.decoder = decoder;
        this.padId = padId;
    }

    /** Loads config.json and the safetensors of {@code dir} onto {@code device} in {@code dtype}. */
    public static QwenVlModel load(Path dir, Device device, DataType dtype) {
        return load(dir, SafetensorsWeights.open(dir), device, dtype);
    }

    /** Loads config.json from {@code dir} with the given tensors (for example rounded through bf16). */
    public static QwenVlModel load(Path dir, SafetensorsWeights weights, Device device, DataType dtype) {
        QwenVlConfig config = QwenVlConfig.read(dir);
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            VisionEncoder vision = new VisionEncoder(config.vision(), weights, manager, dtype);
            TextDecoder decoder = new TextDecoder(config, weights, manager, dtype);
            return new QwenVlModel(config, manager, dtype, vision, decoder, 0);
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
            NDArray all = encodeImages(images);
            return rows(all);
        }
    }

    /** The last position's logits over the whole vocabulary, per input. */
    public float[][] lastLogits(List<ModelInput> inputs) {
        return run(inputs, null);
    }

    /** The last position's logits for the given tokens only, per input (the scorer's path). */
    public float[][] lastLogits(List<ModelInput> inputs, long... tokenIds) {
        return run(inputs, tokenIds);
    }

    private float[][] run(List<ModelInput> inputs, long[] tokenIds) {
        if (inputs.isEmpty()) {
            return new float[0][];
        }
        try (NDScope ignored = new NDScope()) {
            long start = System.nanoTime();
            List<ProcessedImage> images = new ArrayList<>();
            inputs.forEach(in -> images.addAll(in.images()));
            NDArray visionEmbeds = images.isEmpty() ? null : encodeImages(images);
            long visionDone = System.nanoTime();

            int batch = inputs.size();
            int length = inputs.stream().mapToInt(in -> in.ids().length).max().orElse(0);
            long[] ids = new long[batch * length];
            boolean[][] attended = new boolean[batch][length];
            long[][][] positions = new long[batch][][];
            List<Long> imageSlots = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                ModelInput in = inputs.get(b);
                int pad = length - in.ids().length;
                List<int[]> grids = in.images().stream()
                        .map(im -> new int[] {im.gridT(), im.gridH(), im.gridW()}).toList();
                long[][] own = MropeIndex.of(in.ids(), grids, config.imageTokenId(), config.vision().spatialMergeSize());
                positions[b] = new long[3][length];
                for (int l = 0; l < length; l++) {
                    boolean real = l >= pad;
                    attended[b][l] = real;
                    int id = real ? in.ids()[l - pad] : padId;
                    ids[b * length + l] = id;
                    for (int a = 0; a < 3; a++) {
                        positions[b][a][l] = real ? own[a][l - pad] : 1;
                    }
                    if (real && id == config.imageTokenId()) {
                        imageSlots.add((long) b * length + l);
                    }
                }
            }
            NDArray embeds = decoder.embed(ids, batch, length);
            if (visionEmbeds != null) {
                if (visionEmbeds.getShape().get(0) != imageSlots.size()) {
                    throw new IllegalArgumentException("the batch holds " + imageSlots.size()
                            + " image tokens but its images give " + visionEmbeds.getShape().get(0));
                }
                NDArray flat = embeds.reshape(-1, config.hiddenSize());
                long[] slots = imageSlots.stream().mapToLong(Long::longValue).toArray();
                flat.set(new NDIndex("{}", manager.create(slots)), visionEmbeds.toType(dtype, false));
                embeds = flat.reshape(batch, length, config.hiddenSize());
            } else if (!imageSlots.isEmpty()) {
                throw new IllegalArgumentException("image tokens without images");
            }
            NDArray hidden = decoder.lastHidden(embeds, positions, attended);
            NDArray logits = tokenIds == null ? decoder.logits(hidden) : decoder.logits(hidden, tokenIds);
            float[][] out = rows(logits);
            lastTimes = new StageTimes(visionDone - start, System.nanoTime() - visionDone);
            return out;
        }
    }

    private NDArray encodeImages(List<ProcessedImage> images) {
        NDList parts = new NDList();
        for (ProcessedImage image : images) {
            parts.add(vision.encode(image));
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
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
