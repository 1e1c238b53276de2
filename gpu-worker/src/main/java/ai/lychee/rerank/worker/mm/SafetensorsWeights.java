package ai.lychee.rerank.worker.mm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The tensors of a Hugging Face checkpoint directory: one {@code model.safetensors} or shards listed by
 * {@code model.safetensors.index.json}. Only headers are read here; {@link TensorLoader} streams a tensor's
 * bytes from the mapped file when the model asks for it, so a 7B checkpoint never sits in the Java heap.
 *
 * <p>Names are kept in the original release's spelling ({@code visual.*}, {@code model.*}, {@code lm_head.*});
 * newer saves ({@code model.visual.*}, {@code model.language_model.*}) are mapped onto it.
 */
public final class SafetensorsWeights {

    /** Where one tensor lives: its file, element type, shape and byte range after the header. */
    public record TensorEntry(Path file, String dtype, long[] shape, long begin, long end) {
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, TensorEntry> tensors;

    private SafetensorsWeights(Map<String, TensorEntry> tensors) {
        this.tensors = tensors;
    }

    /** Reads the headers of every safetensors file of the directory. */
    public static SafetensorsWeights open(Path dir) {
        Path index = dir.resolve("model.safetensors.index.json");
        Path single = dir.resolve("model.safetensors");
        Map<String, TensorEntry> all = new LinkedHashMap<>();
        try {
            if (Files.isRegularFile(index)) {
                JsonNode map = JSON.readTree(index.toFile()).path("weight_map");
                Set<String> shards = new java.util.LinkedHashSet<>();
                map.elements().forEachRemaining(n -> shards.add(n.asText()));
                for (String shard : shards) {
                    Path file = dir.resolve(shard);
                    if (!Files.isRegularFile(file)) {
                        throw new ModelFilesException("Model directory " + dir + ": shard " + shard
                                + " named by model.safetensors.index.json is missing");
                    }
                    readHeader(file, all);
                }
            } else if (Files.isRegularFile(single)) {
                readHeader(single, all);
            } else {
                throw new ModelFilesException("Model directory " + dir
                        + " has neither model.safetensors nor model.safetensors.index.json");
            }
        } catch (IOException e) {
            throw new ModelFilesException("Cannot read the safetensors files in " + dir + ": " + e.getMessage(), e);
        }
        return new SafetensorsWeights(all);
    }

    private static void readHeader(Path file, Map<String, TensorEntry> into) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(len, 0);
            long headerLength = len.flip().getLong();
            if (headerLength <= 0 || headerLength > 100_000_000L || headerLength + 8 > ch.size()) {
                throw new ModelFilesException(file + " is not a safetensors file (bad header length)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            ch.read(header, 8);
            JsonNode root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            Iterator<Map.Entry<String, JsonNode>> it = root.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode t = e.getValue();
                long[] shape = new long[t.path("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = t.path("shape").get(i).asLong();
                }
                JsonNode offsets = t.path("data_offsets");
                TensorEntry entry = new TensorEntry(file, t.path("dtype").asText(), shape,
                        dataStart + offsets.get(0).asLong(), dataStart + offsets.get(1).asLong());
                if (entry.begin() < dataStart || entry.end() < entry.begin() || entry.end() > ch.size()) {
                    throw new ModelFilesException(file + ": tensor " + e.getKey() + " lies outside the file");
                }
                into.put(canonicalName(e.getKey()), entry);
            }
        }
    }

    /** Maps the newer naming onto the original release's. */
    static String canonicalName(String name) {
        if (name.startsWith("model.visual.")) {
            return name.substring("model.".length());
        }
        if (name.startsWith("model.language_model.")) {
            return "model." + name.substring("model.language_model.".length());
        }
        return name;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public TensorEntry entry(String name) {
        TensorEntry e = tensors.get(name);
        if (e == null) {
            throw new ModelFilesException("Tensor " + name + " is missing from the checkpoint");
        }
        return e;
    }
}
