package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.worker.ScoringPair;
import ai.lychee.rerank.worker.mm.bench.QwenVlLayout;
import ai.lychee.rerank.worker.mm.bench.RandomCheckpoint;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared plan (a prefix run once, its keys and values reused by every continuation) gives the same yes/no logits
 * as scoring each whole sequence alone, within 1e-4 in fp32: on the reference checkpoint against the original
 * implementation's figures, and on random checkpoints with the released 3B and 7B widths (one layer deep).
 */
class SharedPrefixParityTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @TempDir
    static Path temp;

    @Test
    void aPrefixContinuedGivesTheReferenceFiguresWhereverTheSequenceIsCut() {
        JsonNode expected = ReferenceFiles.expected("fp32");
        long yes = expected.get("yes_token_id").asLong();
        long no = expected.get("no_token_id").asLong();
        try (QwenVlModel model = QwenVlModel.load(ReferenceFiles.dir().resolve("tiny-fp32"), Device.cpu(), DataType.FLOAT32)) {
            int image = model.config().imageTokenId();
            int checked = 0;
            for (JsonNode c : expected.get("cases")) {
                ModelInput whole = ReferenceFiles.input(c);
                int[] ids = whole.ids();
                for (int cut = 1; cut < ids.length; cut++) {
                    if (ids[cut - 1] == image && ids[cut] == image) {
                        continue; // an image's tokens stay together
                    }
                    ModelInput[] parts = split(whole, cut, image);
                    try (QwenVlModel.Prefix prefix = model.prefill(parts[0], model::encodeImage)) {
                        float[] yesNo = model.continueLogits(prefix, List.of(parts[1]), model::encodeImage, yes, no)[0];
                        String name = c.get("name").asText() + " cut at " + cut;
                        assertThat((double) yesNo[0]).as(name + " yes").isCloseTo(c.get("yes_logit").asDouble(), within(1e-4));
                        assertThat((double) yesNo[1]).as(name + " no").isCloseTo(c.get("no_logit").asDouble(), within(1e-4));
                        checked++;
                    }
                }
            }
            assertThat(checked).isGreaterThan(60);
        }
    }

    @Test
    void continuationsOfDifferentLengthsInOneBatchEachMatchTheirWholeSequenceAlone() {
        JsonNode expected = ReferenceFiles.expected("fp32");
        try (QwenVlModel model = QwenVlModel.load(ReferenceFiles.dir().resolve("tiny-fp32"), Device.cpu(), DataType.FLOAT32)) {
            int image = model.config().imageTokenId();
            ModelInput oneImage = ReferenceFiles.input(ReferenceFiles.caseNamed(expected, "one_image"));
            ModelInput twoImages = ReferenceFiles.input(ReferenceFiles.caseNamed(expected, "two_images"));
            ModelInput text = ReferenceFiles.input(ReferenceFiles.caseNamed(expected, "text_only"));
            // the one-image case's text and image as the prefix; continuations: plain text of three lengths, and one
            // carrying the two-image case's images (so images sit in the padded continuation part too)
            ModelInput prefix = split(oneImage, 47, image)[0];
            List<ModelInput> continuations = List.of(
                    new ModelInput(Arrays.copyOfRange(text.ids(), 0, 23), List.of()),
                    new ModelInput(Arrays.copyOfRange(text.ids(), 5, 9), List.of()),
                    new ModelInput(new int[] {7}, List.of()),
                    twoImages);
            try (QwenVlModel.Prefix shared = model.prefill(prefix, model::encodeImage)) {
                float[][] batched = model.continueLogits(shared, continuations, model::encodeImage, 300, 301);
                for (int i = 0; i < continuations.size(); i++) {
                    float[] alone = model.lastLogits(List.of(prefix.followedBy(continuations.get(i))), 300, 301)[0];
                    assertThat((double) batched[i][0]).as("continuation " + i + " yes").isCloseTo(alone[0], within(1e-4));
                    assertThat((double) batched[i][1]).as("continuation " + i + " no").isCloseTo(alone[1], within(1e-4));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"3b", "7b"})
    void atTheReleasedWidthsTheSharedPlanScoresAsPairByPair(String size) throws Exception {
        Path dir = temp.resolve(size);
        RandomCheckpoint.write(QwenVlLayout.of(size).withLayers(1), dir, 7);
        MmConfig config = MmScorerEndToEndTest.config(dir, Map.of("lychee.worker.mm.max-batch", "3",
                "lychee.worker.mm.max-pixels", "50176"));
        try (MmReranker reranker = MmReranker.load(config)) {
            byte[] photo = MmScorerEndToEndTest.png(112, 84, 1);
            byte[] other = MmScorerEndToEndTest.png(56, 112, 2);
            String instruction = "Find the product that matches.";
            List<ScoringPair> pairs = new ArrayList<>();
            // an image query against text documents, then a text query against documents with images (one photo
            // twice), then a pair with another instruction: three prefixes, batches of three
            for (String doc : List.of("red shoes", "blue running shoes with a white sole", "红色的鞋", "a hat")) {
                pairs.add(new ScoringPair(instruction, new Content("in red?", photo, null), Content.text(doc)));
            }
            pairs.add(new ScoringPair(instruction, Content.text("red shoes"), new Content("shoe", photo, null)));
            pairs.add(new ScoringPair(instruction, Content.text("red shoes"), new Content(null, other, null)));
            pairs.add(new ScoringPair(instruction, Content.text("red shoes"), new Content("again", photo, null)));
            pairs.add(new ScoringPair("Judge the photo.", Content.text("red shoes"), new Content(null, other, null)));

            reranker.plan(MmReranker.Plan.PAIR_BY_PAIR);
            List<Double> alone = reranker.score(pairs);
            float[][] aloneLogits = reranker.lastYesNo();
            reranker.plan(MmReranker.Plan.SHARED);
            List<Double> shared = reranker.score(pairs);
            float[][] sharedLogits = reranker.lastYesNo();

            for (int i = 0; i < pairs.size(); i++) {
                assertThat((double) sharedLogits[i][0]).as(size + " pair " + i + " yes").isCloseTo(aloneLogits[i][0], within(1e-4));
                assertThat((double) sharedLogits[i][1]).as(size + " pair " + i + " no").isCloseTo(aloneLogits[i][1], within(1e-4));
                assertThat(shared.get(i)).isCloseTo(alone.get(i), within(1e-4));
            }
            // the logits are not all alike: the comparison has something to catch
            assertThat(Arrays.stream(aloneLogits).mapToDouble(l -> l[0] - l[1]).distinct().count()).isGreaterThan(4);
            // the shared plan encoded each distinct image once: the photo and the other one
            assertThat(reranker.lastWork().imagePatches()).hasSize(2);
            assertThat(reranker.lastWork().passes().stream().filter(p -> p.cached() == 0)).hasSize(3);
        }
    }

    /** The sequence cut before token {@code cut}: each side with the images whose tokens it holds. */
    static ModelInput[] split(ModelInput whole, int cut, int imageToken) {
        int imagesBefore = 0;
        for (int i = 0; i < cut; i++) {
            if (whole.ids()[i] == imageToken && (i == 0 || whole.ids()[i - 1] != imageToken)) {
                imagesBefore++;
            }
        }
        return new ModelInput[] {
            new ModelInput(Arrays.copyOfRange(whole.ids(), 0, cut), whole.images().subList(0, imagesBefore)),
            new ModelInput(Arrays.copyOfRange(whole.ids(), cut, whole.ids().length),
                    whole.images().subList(imagesBefore, whole.images().size()))};
    }
}
