package ai.lychee.rerank.worker.mm.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a random-weight checkpoint laid out as the released ones: bf16 safetensors shards of at most about 3.9 GB
 * ({@code model-0000i-of-0000n.safetensors}), {@code model.safetensors.index.json}, config.json,
 * preprocessor_config.json and a tokenizer.json. Weights are uniform with the published initializer's spread (0.02),
 * norms one; written in 64 MB slices, so the writer's memory stays small whatever the model's size.
 */
public final class RandomCheckpoint {

    static final long MAX_SHARD_BYTES = 3_900_000_000L;
    private static final String MARKER = "lychee-random-checkpoint.json";

    private RandomCheckpoint() {
    }

    /** Whether {@code dir} already holds the checkpoint of exactly this layout (written to the end). */
    public static boolean present(Path dir, QwenVlLayout layout) {
        try {
            return Files.readString(dir.resolve(MARKER)).equals(marker(layout));
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the checkpoint into {@code dir} (created; files of an earlier checkpoint there are replaced). */
    public static void write(QwenVlLayout layout, Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(MARKER));
        List<List<QwenVlLayout.Tensor>> shards = new ArrayList<>();
        long filled = 0;
        for (QwenVlLayout.Tensor t : layout.tensors()) {
            long bytes = t.elements() * 2;
            if (shards.isEmpty() || filled + bytes > MAX_SHARD_BYTES) {
                shards.add(new ArrayList<>());
                filled = 0;
            }
            shards.get(shards.size() - 1).add(t);
            filled += bytes;
        }
        try (var old = Files.newDirectoryStream(dir, "model*.safetensors")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        long total = 0;
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer slice = ByteBuffer.allocateDirect(64 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < shards.size(); s++) {
            String name = String.format(Locale.ROOT, "model-%05d-of-%05d.safetensors", s + 1, shards.size());
            total += writeShard(dir.resolve(name), shards.get(s), random, slice);
            for (QwenVlLayout.Tensor t : shards.get(s)) {
                weightMap.put(t.name(), name);
            }
        }
        StringBuilder index = new StringBuilder("{\n  \"metadata\": {\"total_size\": " + total + "},\n  \"weight_map\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : weightMap.entrySet()) {
            index.append(first ? "\n" : ",\n").append("    \"").append(e.getKey()).append("\": \"").append(e.getValue()).append('"');
            first = false;
        }
        Files.writeString(dir.resolve("model.safetensors.index.json"), index.append("\n  }\n}\n"));
        writeSmallFiles(layout, dir);
        Files.writeString(dir.resolve(MARKER), marker(layout));
    }

    /** config.json, preprocessor_config.json and tokenizer.json: rewritten on every run, the weights only once. */
    public static void writeSmallFiles(QwenVlLayout layout, Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), layout.configJson());
        Files.writeString(dir.resolve("preprocessor_config.json"), QwenVlLayout.preprocessorJson());
        Files.writeString(dir.resolve("tokenizer.json"), SyntheticTokenizer.json());
    }

    private static String marker(QwenVlLayout layout) {
        return String.format(Locale.ROOT, "{\"config\": \"%s\", \"layers\": %d, \"vision_depth\": %d, \"parameters\": %d}%n",
                layout.name(), layout.layers(), layout.visionDepth(), layout.parameters());
    }

    private static long writeShard(Path file, List<QwenVlLayout.Tensor> tensors, SplittableRandom random,
                                   ByteBuffer slice) throws IOException {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (QwenVlLayout.Tensor t : tensors) {
            long bytes = t.elements() * 2;
            header.append(",\"").append(t.name()).append("\":{\"dtype\":\"BF16\",\"shape\":[");
            for (int i = 0; i < t.shape().length; i++) {
                header.append(i > 0 ? "," : "").append(t.shape()[i]);
            }
            header.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] head = header.toString().getBytes(StandardCharsets.US_ASCII);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer prefix = ByteBuffer.allocate(8 + head.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(head.length).put(head).flip();
            while (prefix.hasRemaining()) {
                out.write(prefix);
            }
            for (QwenVlLayout.Tensor t : tensors) {
                writeValues(out, t, random, slice);
            }
        }
        return offset;
    }

    /** bf16 values: one for norms, else uniform in [-a, a] with a standard deviation of 0.02. */
    private static void writeValues(FileChannel out, QwenVlLayout.Tensor t, SplittableRandom random, ByteBuffer slice)
            throws IOException {
        short one = (short) (Float.floatToRawIntBits(1f) >>> 16);
        float spread = (float) (0.02 * Math.sqrt(3.0) * 2);
        long left = t.elements();
        while (left > 0) {
            int n = (int) Math.min(left, slice.capacity() / 2);
            slice.clear();
            for (int i = 0; i < n; i++) {
                short bits = t.isNorm() ? one
                        : (short) (Float.floatToRawIntBits((float) ((random.nextDouble() - 0.5) * spread)) >>> 16);
                slice.putShort(bits);
            }
            slice.flip();
            while (slice.hasRemaining()) {
                out.write(slice);
            }
            left -= n;
        }
    }
}
