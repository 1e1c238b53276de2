package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference cases on the device and in the dtype a GPU machine runs ({@code -Dlychee.test.mm.device=gpu
 * -Dlychee.test.mm.dtype=fp16}; scripts/gpu-check.sh sets them), whole and through the shared plan. Skipped unless
 * asked for: the CPU build checks fp32 on the CPU in {@link ReferenceParityTest} and {@link SharedPrefixParityTest}.
 * fp16 keeps 11 bits of mantissa, so it is held to the yes/no margin and score, not to 1e-4.
 */
class DeviceParityTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void theReferenceCasesScoreOnTheChosenDeviceAndDtype() {
        String deviceName = System.getProperty("lychee.test.mm.device");
        assumeTrue(deviceName != null, "set -Dlychee.test.mm.device=gpu (scripts/gpu-check.sh) to run on a device");
        Device device = MmReranker.device(deviceName);
        DataType dtype = MmReranker.dtype(System.getProperty("lychee.test.mm.dtype", "fp16"), device);
        double tolerance = dtype == DataType.FLOAT32 ? 1e-4 : 5e-2;
        JsonNode expected = ReferenceFiles.expected("fp32");
        try (QwenVlModel model = QwenVlModel.load(ReferenceFiles.dir().resolve("tiny-fp32"), device, dtype)) {
            int image = model.config().imageTokenId();
            for (JsonNode c : expected.get("cases")) {
                String name = device + " " + dtype + " " + c.get("name").asText();
                ModelInput input = ReferenceFiles.input(c);
                float[] whole = model.lastLogits(List.of(input), 300, 301)[0];
                assertThat((double) whole[0] - whole[1]).as(name + " yes - no")
                        .isCloseTo(c.get("yes_logit").asDouble() - c.get("no_logit").asDouble(), within(tolerance));
                assertThat(YesNoScore.of(whole[0], whole[1])).as(name + " score")
                        .isCloseTo(c.get("score").asDouble(), within(tolerance / 2));
                int cut = input.ids().length - 3;
                ModelInput[] parts = SharedPrefixParityTest.split(input, cut, image);
                try (QwenVlModel.Prefix prefix = model.prefill(parts[0], model::encodeImage)) {
                    float[] shared = model.continueLogits(prefix, List.of(parts[1]), model::encodeImage, 300, 301)[0];
                    assertThat((double) shared[0] - shared[1]).as(name + " shared yes - no")
                            .isCloseTo((double) whole[0] - whole[1], within(tolerance));
                }
            }
        }
    }
}
