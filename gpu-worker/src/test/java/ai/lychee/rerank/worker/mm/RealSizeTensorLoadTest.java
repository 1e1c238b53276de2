package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tensors of the released 7B's size load: its 152064 x 3584 bf16 embedding (545M values, 2.18 GB as fp32, past what
 * one Java buffer holds) in a sparse safetensors file, to fp32 and to fp16, every value where the file put it; and a
 * load in many small slices gives exactly what a load in one does.
 */
class RealSizeTensorLoadTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    static final long ROWS = 152064;
    static final long COLUMNS = 3584;
    /** Element indexes with known values: the start, a row start, beyond 2^31 bytes as fp32, the very last. */
    static final long[] MARKED = {0, 1, COLUMNS, 540_000_000L, ROWS * COLUMNS - 1};
    static final float[] VALUES = {1.5f, -2.0f, 0.25f, 3.0f, -0.125f};

    @TempDir
    Path temp;

    @Test
    void theSevenBillionModelsEmbeddingLoadsAsFp32AndAsFp16() throws IOException {
        Path dir = temp.resolve("embedding");
        java.nio.file.Files.createDirectories(dir);
        writeSparseEmbedding(dir.resolve("model.safetensors"));
        SafetensorsWeights weights = SafetensorsWeights.open(dir);
        for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT16}) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                 TensorLoader loader = new TensorLoader(weights, manager, dtype)) {
                NDArray embedding = loader.load("model.embed_tokens.weight", ROWS, COLUMNS);
                assertThat(embedding.getShape()).isEqualTo(new Shape(ROWS, COLUMNS));
                assertThat(embedding.getDataType()).isEqualTo(dtype);
                for (int i = 0; i < MARKED.length; i++) {
                    long row = MARKED[i] / COLUMNS;
                    long column = MARKED[i] % COLUMNS;
                    float value = embedding.get(new NDIndex("{}, {}", row, column)).toType(DataType.FLOAT32, false)
                            .getFloat();
                    assertThat(value).as(dtype + " element " + MARKED[i]).isEqualTo(VALUES[i]);
                }
                // everything else is the file's zeros, so the sum is the marked values' sum
                assertThat(embedding.toType(DataType.FLOAT32, false).sum().getFloat()).isEqualTo(2.625f);
            }
        }
    }

    @Test
    void aLoadInManySmallSlicesEqualsALoadInOne() {
        Path dir = ReferenceFiles.dir().resolve("tiny-bf16");
        SafetensorsWeights weights = SafetensorsWeights.open(dir);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             TensorLoader whole = new TensorLoader(weights, manager, DataType.FLOAT32);
             TensorLoader sliced = new TensorLoader(weights, manager, DataType.FLOAT32, 1024)) {
            int compared = 0;
            for (String name : weights.names()) {
                SafetensorsWeights.TensorEntry e = weights.entry(name);
                if (e.shape().length > 0 && e.shape()[0] > 1 && e.elements() / e.shape()[0] * 4 <= 1024) {
                    NDArray a = whole.load(name, e.shape());
                    NDArray b = sliced.load(name, e.shape());
                    assertThat(b.toFloatArray()).as(name).containsExactly(a.toFloatArray());
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(10);
        }
    }

    @Test
    void aTensorWhoseShapeDisagreesWithTheConfigIsNamed() {
        SafetensorsWeights weights = SafetensorsWeights.open(ReferenceFiles.dir().resolve("tiny-bf16"));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             TensorLoader loader = new TensorLoader(weights, manager, DataType.FLOAT16)) {
            assertThatThrownBy(() -> loader.load("model.norm.weight", 65))
                    .isInstanceOf(ModelFilesException.class).hasMessageContaining("model.norm.weight")
                    .hasMessageContaining("[64]");
        }
        assertThatThrownBy(() -> new TensorLoader(weights, null, DataType.BFLOAT16))
                .hasMessageContaining("fp32 or fp16");
    }

    /** A safetensors file holding only the embedding, all zeros (sparse: no disk used) but the marked values. */
    static void writeSparseEmbedding(Path file) throws IOException {
        long bytes = ROWS * COLUMNS * 2;
        String header = "{\"model.embed_tokens.weight\":{\"dtype\":\"BF16\",\"shape\":[" + ROWS + "," + COLUMNS
                + "],\"data_offsets\":[0," + bytes + "]}}";
        while (header.length() % 8 != 0) {
            header += " ";
        }
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer prefix = ByteBuffer.allocate(8 + head.length).order(ByteOrder.LITTLE_ENDIAN);
            out.write(prefix.putLong(head.length).put(head).flip());
            long data = 8 + head.length;
            for (int i = 0; i < MARKED.length; i++) {
                ByteBuffer value = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
                value.putShort(HalfFloats.floatToBf16(VALUES[i])).flip();
                out.write(value, data + MARKED[i] * 2);
            }
            assertThat(out.size()).isEqualTo(data + bytes);
        }
    }
}
