package ai.lychee.rerank.worker.mm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams checkpoint tensors onto the device in the model's dtype. A tensor is allocated once on the device and
 * filled in slices of whole rows: each slice's bytes are memory-mapped, converted once from the file's dtype (bf16,
 * fp16 or fp32) to fp16 or fp32 into one reused staging buffer, copied into place, and unmapped. Host memory beyond the tensors
 * themselves is one slice, whatever the tensor's size (the 7B's 152064 x 3584 embedding is 2.18 GB as fp32, past
 * what one Java buffer can hold); sizes and offsets are longs throughout.
 */
public final class TensorLoader implements AutoCloseable {

    /** Bytes of one slice in the model's dtype: the host memory a load holds besides the loaded tensors. */
    public static final int DEFAULT_SLICE_BYTES = 64 << 20;

    private final SafetensorsWeights weights;
    private final NDManager manager;
    private final DataType dtype;
    private final ByteBuffer staging;

    public TensorLoader(SafetensorsWeights weights, NDManager manager, DataType dtype) {
        this(weights, manager, dtype, DEFAULT_SLICE_BYTES);
    }

    TensorLoader(SafetensorsWeights weights, NDManager manager, DataType dtype, int sliceBytes) {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            // bf16 must be stopped here: DJL's PyTorch JNI aborts the whole process on it (docs/lychee-rerank-mm.md)
            throw new IllegalArgumentException("weights load as fp32 or fp16, not " + dtype);
        }
        this.weights = weights;
        this.manager = manager;
        this.dtype = dtype;
        this.staging = ByteBuffer.allocateDirect(sliceBytes).order(ByteOrder.nativeOrder());
    }

    public SafetensorsWeights weights() {
        return weights;
    }

    public DataType dtype() {
        return dtype;
    }

    public boolean has(String name) {
        return weights.has(name);
    }

    /** Loads a tensor whose shape must be {@code expectedShape} (what config.json implies). */
    public NDArray load(String name, long... expectedShape) {
        SafetensorsWeights.TensorEntry e = weights.entry(name);
        if (!Arrays.equals(expectedShape, e.shape())) {
            throw new ModelFilesException("Tensor " + name + " in " + e.file().getFileName() + " has shape "
                    + Arrays.toString(e.shape()) + " but config.json implies " + Arrays.toString(expectedShape));
        }
        int sourceWidth = widthOf(e);
        if (e.end() - e.begin() != e.elements() * sourceWidth) {
            throw new ModelFilesException("Tensor " + name + " in " + e.file().getFileName() + " has "
                    + (e.end() - e.begin()) + " bytes, its shape needs " + e.elements() * sourceWidth);
        }
        long[] shape = e.shape().length == 0 ? new long[] {1} : e.shape();
        long rows = shape[0];
        long rowElements = e.elements() / Math.max(1, rows);
        int width = dtype.getNumOfBytes();
        long rowsPerSlice = Math.max(1, staging.capacity() / (rowElements * width));
        if (rowElements * width > staging.capacity()) {
            throw new ModelFilesException("Tensor " + name + ": one row is larger than the load slice");
        }
        NDArray tensor = rowsPerSlice >= rows ? null : manager.zeros(new Shape(shape), dtype);
        try (FileChannel channel = FileChannel.open(e.file(), StandardOpenOption.READ)) {
            for (long row = 0; row < rows; row += rowsPerSlice) {
                long count = Math.min(rowsPerSlice, rows - row);
                long elements = count * rowElements;
                MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY,
                        e.begin() + row * rowElements * sourceWidth, elements * sourceWidth);
                mapped.order(ByteOrder.LITTLE_ENDIAN);
                staging.clear();
                convert(e.dtype(), mapped, staging, (int) elements);
                staging.flip();
                unmap(mapped);
                long[] sliceShape = shape.clone();
                sliceShape[0] = count;
                NDArray slice = manager.create(staging, new Shape(sliceShape), dtype);
                if (tensor == null) {
                    // one slice holds it all: own a copy, since the staging buffer is reused for the next tensor
                    NDArray owned = slice.duplicate();
                    slice.close();
                    return e.shape().length == 0 ? owned.reshape(new Shape()) : owned;
                }
                tensor.set(new NDIndex("{}:{}", row, row + count), slice);
                slice.close();
            }
            return tensor;
        } catch (IOException ex) {
            if (tensor != null) {
                tensor.close();
            }
            throw new ModelFilesException("Cannot map " + e.file() + ": " + ex.getMessage(), ex);
        }
    }

    private static int widthOf(SafetensorsWeights.TensorEntry e) {
        return switch (e.dtype()) {
            case "F32" -> 4;
            case "BF16", "F16" -> 2;
            default -> throw new ModelFilesException("Tensor in " + e.file().getFileName() + " has dtype "
                    + e.dtype() + "; only F32, BF16 and F16 are supported");
        };
    }

    /** One pass from the file's format to the model's, straight into the staging buffer. */
    private void convert(String from, ByteBuffer in, ByteBuffer out, int n) {
        String to = dtype == DataType.FLOAT32 ? "F32" : "F16";
        switch (from + ">" + to) {
            case "F32>F32", "F16>F16" -> out.put(in);
            case "BF16>F32" -> {
                for (int i = 0; i < n; i++) {
                    out.putFloat(HalfFloats.bf16ToFloat(in.getShort()));
                }
            }
            case "F16>F32" -> {
                for (int i = 0; i < n; i++) {
                    out.putFloat(HalfFloats.halfToFloat(in.getShort()));
                }
            }
            case "BF16>F16" -> {
                for (int i = 0; i < n; i++) {
                    out.putShort(HalfFloats.floatToHalf(HalfFloats.bf16ToFloat(in.getShort())));
                }
            }
            case "F32>F16" -> {
                for (int i = 0; i < n; i++) {
                    out.putShort(HalfFloats.floatToHalf(in.getFloat()));
                }
            }
            default -> throw new IllegalStateException("no conversion " + from + " to " + dtype);
        }
    }

    /** Values of a tensor's elements [from, from + count) as floats, for tests and checks; count stays small. */
    public static float[] read(SafetensorsWeights.TensorEntry e, long from, int count) {
        int width = widthOf(e);
        try (FileChannel channel = FileChannel.open(e.file(), StandardOpenOption.READ)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, e.begin() + from * width, (long) count * width);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[count];
            for (int i = 0; i < count; i++) {
                out[i] = switch (e.dtype()) {
                    case "F32" -> mapped.getFloat();
                    case "BF16" -> HalfFloats.bf16ToFloat(mapped.getShort());
                    default -> HalfFloats.halfToFloat(mapped.getShort());
                };
            }
            unmap(mapped);
            return out;
        } catch (IOException ex) {
            throw new ModelFilesException("Cannot map " + e.file() + ": " + ex.getMessage(), ex);
        }
    }

    private static final Method INVOKE_CLEANER;
    private static final Object UNSAFE;

    static {
        Method cleaner = null;
        Object unsafe = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // without it a mapping is released when the GC collects it; loading still works
        }
        INVOKE_CLEANER = cleaner;
        UNSAFE = unsafe;
    }

    /** Releases a mapping now rather than at some later GC, so mapped pages never pile up in the RSS during a load. */
    private static void unmap(MappedByteBuffer mapped) {
        if (INVOKE_CLEANER != null) {
            try {
                INVOKE_CLEANER.invoke(UNSAFE, mapped);
            } catch (ReflectiveOperationException e) {
                // left to the GC
            }
        }
    }

    @Override
    public void close() {
        if (INVOKE_CLEANER != null) {
            try {
                INVOKE_CLEANER.invoke(UNSAFE, staging);
            } catch (ReflectiveOperationException e) {
                // left to the GC
            }
        }
    }
}
