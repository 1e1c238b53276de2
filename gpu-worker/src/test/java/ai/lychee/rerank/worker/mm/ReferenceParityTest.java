package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java forward pass against the original implementation's figures for the same tiny checkpoint:
 * positions exactly, vision output, all last-position logits, yes/no and score to 1e-4.
 *
 * <p>"fp32" loads tiny-fp32; "bf16" loads the sharded tiny-bf16 checkpoint (the fp32 weights rounded to
 * nearest even, as torch's cast does) and computes in fp32: that is how expected-bf16.json was made.
 */
class ReferenceParityTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp32", "bf16"})
    void matchesTheReferenceOnEveryCase(String flavour) {
        JsonNode expected = ReferenceFiles.expected(flavour);
        long yes = expected.get("yes_token_id").asLong();
        long no = expected.get("no_token_id").asLong();
        java.nio.file.Path dir = ReferenceFiles.dir().resolve("tiny-" + flavour);
        try (QwenVlModel model = QwenVlModel.load(dir, Device.cpu(), DataType.FLOAT32)) {
            for (JsonNode c : expected.get("cases")) {
                String name = flavour + "/" + c.get("name").asText();
                ModelInput input = ReferenceFiles.input(c);

                List<int[]> grids = input.images().stream().map(i -> new int[] {i.gridT(), i.gridH(), i.gridW()}).toList();
                long[][] positions = MropeIndex.of(input.ids(), grids, model.config().imageTokenId(), 2);
                for (int a = 0; a < 3; a++) {
                    int[] want = ReferenceFiles.ints(c.get("position_ids").get(a));
                    assertThat(positions[a]).as(name + " position row " + a)
                            .containsExactly(java.util.Arrays.stream(want).asLongStream().toArray());
                }

                if (!input.images().isEmpty()) {
                    float[][] vision = model.visionEmbeddings(input.images());
                    JsonNode firstRows = c.get("vision_embeddings_first_rows");
                    for (int r = 0; r < firstRows.size(); r++) {
                        double[] want = ReferenceFiles.doubles(firstRows.get(r));
                        for (int k = 0; k < want.length; k++) {
                            assertThat((double) vision[r][k]).as(name + " vision row " + r + " col " + k)
                                    .isCloseTo(want[k], within(ReferenceFiles.TOLERANCE));
                        }
                    }
                    double sum = 0;
                    for (float[] row : vision) {
                        for (float v : row) {
                            sum += v;
                        }
                    }
                    // a sum over thousands of values: hold it to 1e-4 relative to the values summed
                    assertThat(sum).as(name + " vision sum")
                            .isCloseTo(c.get("vision_embeddings_sum").asDouble(), within(1e-3));
                }

                float[] logits = model.lastLogits(List.of(input))[0];
                double[] want = ReferenceFiles.doubles(c.get("last_logits"));
                assertThat(logits).hasSize(want.length);
                for (int k = 0; k < want.length; k++) {
                    assertThat((double) logits[k]).as(name + " logit " + k).isCloseTo(want[k], within(ReferenceFiles.TOLERANCE));
                }
                float[] yesNo = model.lastLogits(List.of(input), yes, no)[0];
                assertThat((double) yesNo[0]).as(name + " yes").isCloseTo(c.get("yes_logit").asDouble(), within(ReferenceFiles.TOLERANCE));
                assertThat((double) yesNo[1]).as(name + " no").isCloseTo(c.get("no_logit").asDouble(), within(ReferenceFiles.TOLERANCE));
                assertThat(YesNoScore.of(yesNo[0], yesNo[1])).as(name + " score")
                        .isCloseTo(c.get("score").asDouble(), within(ReferenceFiles.TOLERANCE));
            }
        }
    }
}
