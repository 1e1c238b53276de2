package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A left-padded batch gives each sequence the same last logits as running it alone, and runs are repeatable. */
class PaddedBatchTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void leftPaddingChangesNothingAndRepeatedRunsAgree() {
        JsonNode expected = ReferenceFiles.expected("fp32");
        ModelInput text = ReferenceFiles.input(ReferenceFiles.caseNamed(expected, "text_only"));
        ModelInput image = ReferenceFiles.input(ReferenceFiles.caseNamed(expected, "one_image"));
        ModelInput two = ReferenceFiles.input(ReferenceFiles.caseNamed(expected, "two_images"));
        try (QwenVlModel model = QwenVlModel.load(ReferenceFiles.dir().resolve("tiny-fp32"), Device.cpu(), DataType.FLOAT32)) {
            float[] textAlone = model.lastLogits(List.of(text))[0];
            float[] imageAlone = model.lastLogits(List.of(image))[0];
            float[] twoAlone = model.lastLogits(List.of(two))[0];
            // text_only (23 tokens) gets 35 pads on the left next to one_image (58 tokens)
            float[][] batch = model.lastLogits(List.of(text, image, two));
            assertClose(batch[0], textAlone);
            assertClose(batch[1], imageAlone);
            assertClose(batch[2], twoAlone);
            // and alone it is the reference
            double[] want = ReferenceFiles.doubles(ReferenceFiles.caseNamed(expected, "text_only").get("last_logits"));
            assertThat((double) textAlone[0]).isCloseTo(want[0], within(1e-4));

            float[][] again = model.lastLogits(List.of(text, image, two));
            for (int i = 0; i < 3; i++) {
                assertThat(again[i]).containsExactly(batch[i]);
            }
        }
    }

    private static void assertClose(float[] got, float[] want) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).as("logit " + i).isCloseTo(want[i], within(1e-5f));
        }
    }
}
