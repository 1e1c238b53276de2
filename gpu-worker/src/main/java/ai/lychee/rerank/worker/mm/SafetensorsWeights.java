package ai.lychee.rerank.worker.mm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
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
 * {@code model.safetensors.index.json}. Only headers are read up front; a tensor's bytes are memory-mapped
 * when it is loaded, so a 7B checkpoint never sits in the Java heap.
 *
 * <p>Names are kept in the original release's spelling ({@code visual.*}, {@code model.*}, {@code lm_head.*});
 * newer saves ({@code model.visual.*}, {@code model.language_model.*}) are mapped onto it.
 */
public final class SafetensorsWeights {

    /** Where one tensor lives: its file, element type, shape and byte range after the header. */
    public record TensorEntry(Path file, String dtype, long[] shape, long begin, long end) {
        long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, TensorEntry> tensors;
    private final boolean roundToBf16;

    private SafetensorsWeights(Map<String, TensorEntry> tensors, boolean roundToBf16) {
        this.tensors = tensors;
        this.roundToBf16 = roundToBf16;
    }

    /**
     * The same tensors, each rounded to bf16 on load (to nearest, ties to even, as torch's cast does):
     * how an fp32 checkpoint behaves once saved in bf16. Done here in Java because DJL 0.32's PyTorch
     * JNI has no bf16 type (asking for one aborts the process).
     */
    public SafetensorsWeights roundedToBf16() {
        return new SafetensorsWeights(tensors, true);
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
        return new SafetensorsWeights(all, false);
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

    /**
     * Loads a tensor, checking its shape, converted to fp32 on the host and then to {@code dtype} on the
     * manager's device (the PyTorch engine cannot take bf16 bytes directly from a buffer).
     */
    public NDArray load(String name, NDManager manager, DataType dtype, long... expectedShape) {
        TensorEntry e = entry(name);
        if (expectedShape.length > 0 && !java.util.Arrays.equals(expectedShape, e.shape())) {
            throw new ModelFilesException("Tensor " + name + " in " + e.file().getFileName() + " has shape "
                    + java.util.Arrays.toString(e.shape()) + " but config.json implies "
                    + java.util.Arrays.toString(expectedShape));
        }
        if (dtype == DataType.BFLOAT16) {
            throw new IllegalArgumentException("bf16 tensors are not available in DJL 0.32's PyTorch engine; use fp16 or fp32");
        }
        FloatBuffer floats = readAsFloats(e);
        if (roundToBf16) {
            for (int i = 0; i < floats.limit(); i++) {
                floats.put(i, roundToBf16(floats.get(i)));
            }
        }
        NDArray array = manager.create(floats, new Shape(e.shape()));
        return dtype == DataType.FLOAT32 ? array : withType(array, dtype);
    }

    private static NDArray withType(NDArray fp32, DataType dtype) {
        NDArray converted = fp32.toType(dtype, false);
        fp32.close();
        return converted;
    }

    /** Reads a tensor's values as fp32 from the mapped file. */
    public static FloatBuffer readAsFloats(TensorEntry e) {
        long bytes = e.end() - e.begin();
        long n = e.elements();
        int width = switch (e.dtype()) {
            case "F32" -> 4;
            case "BF16", "F16" -> 2;
            default -> throw new ModelFilesException("Tensor in " + e.file().getFileName() + " has dtype "
                    + e.dtype() + "; only F32, BF16 and F16 are supported");
        };
        if (bytes != n * width) {
            throw new ModelFilesException("Tensor in " + e.file().getFileName() + " has " + bytes
                    + " bytes, its shape needs " + n * width);
        }
        try (FileChannel ch = FileChannel.open(e.file(), StandardOpenOption.READ)) {
            ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, e.begin(), bytes).order(ByteOrder.LITTLE_ENDIAN);
            FloatBuffer out = ByteBuffer.allocateDirect((int) (n * 4)).order(ByteOrder.nativeOrder()).asFloatBuffer();
            switch (e.dtype()) {
                case "F32" -> out.put(mapped.asFloatBuffer());
                case "BF16" -> {
                    for (long i = 0; i < n; i++) {
                        out.put(Float.intBitsToFloat((mapped.getShort() & 0xffff) << 16));
                    }
                }
                default -> {
                    for (long i = 0; i < n; i++) {
                        out.put(halfToFloat(mapped.getShort()));
                    }
                }
            }
            return out.flip();
        } catch (IOException ex) {
            throw new ModelFilesException("Cannot map " + e.file() + ": " + ex.getMessage(), ex);
        }
    }

    static float roundToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return value;
        }
        int rounded = (bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000;
        return Float.intBitsToFloat(rounded);
    }

    /** IEEE 754 half to float (Float.float16ToFloat arrives only in Java 20). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant / 1024f / 16384f; // subnormal: mant * 2^-24
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
