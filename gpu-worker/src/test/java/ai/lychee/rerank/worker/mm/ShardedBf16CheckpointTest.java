package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sharded bf16 checkpoint (index + two shards, as released checkpoints ship): every tensor is found
 * through the index and decodes to exactly the bf16 value stored, which is the fp32 weight rounded to
 * nearest, ties to even (as torch's cast does); the model it makes scores every reference case close to
 * the fp32 figures.
 */
class ShardedBf16CheckpointTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void everyTensorDecodesToTheStoredBf16Bits() {
        Path ref = ReferenceFiles.dir();
        SafetensorsWeights fp32 = SafetensorsWeights.open(ref.resolve("tiny-fp32"));
        SafetensorsWeights bf16 = SafetensorsWeights.open(ref.resolve("tiny-bf16"));
        assertThat(bf16.names()).containsExactlyInAnyOrderElementsOf(fp32.names());
        assertThat(bf16.names().stream().map(n -> bf16.entry(n).file().getFileName().toString()).distinct())
                .containsExactlyInAnyOrder("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
        for (String name : fp32.names()) {
            assertThat(bf16.entry(name).dtype()).isEqualTo("BF16");
            long n = fp32.entry(name).elements();
            assertThat(bf16.entry(name).elements()).isEqualTo(n);
            float[] full = TensorLoader.read(fp32.entry(name), 0, (int) n);
            float[] half = TensorLoader.read(bf16.entry(name), 0, (int) n);
            for (int i = 0; i < n; i++) {
                int rounded = Float.floatToRawIntBits(HalfFloats.roundToBf16(full[i]));
                assertThat(Float.floatToRawIntBits(half[i])).as(name + "[" + i + "]").isEqualTo(rounded);
            }
        }
    }

    @Test
    void scoresTheReferenceCasesCloseToFp32() {
        JsonNode fp32 = ReferenceFiles.expected("fp32");
        try (QwenVlModel model = QwenVlModel.load(ReferenceFiles.dir().resolve("tiny-bf16"), Device.cpu(),
                DataType.FLOAT32)) {
            for (JsonNode c : fp32.get("cases")) {
                float[] yesNo = model.lastLogits(List.of(ReferenceFiles.input(c)), 300, 301)[0];
                // rounding every weight to 8 mantissa bits moves these toy logits by a few hundredths
                assertThat((double) yesNo[0]).isCloseTo(c.get("yes_logit").asDouble(), within(0.15));
                assertThat((double) yesNo[1]).isCloseTo(c.get("no_logit").asDouble(), within(0.15));
                assertThat(YesNoScore.of(yesNo[0], yesNo[1])).isCloseTo(c.get("score").asDouble(), within(0.05));
            }
        }
    }
}
