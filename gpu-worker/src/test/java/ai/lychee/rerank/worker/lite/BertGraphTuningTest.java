package ai.lychee.rerank.worker.lite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lychee.rerank.worker.lite.onnx.OnnxModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The graph rewrites of the real bundled models do less work and change no bit of any embedding. */
class BertGraphTuningTest {

    /** Short and long, English and Chinese, one past the 512-token window, and texts that differ by one token. */
    private static List<String> texts() {
        List<String> texts = new ArrayList<>(List.of(
                "fleas",
                "How long is the life cycle of a flea?",
                "北京是中华人民共和国的首都，也是全国的政治和文化中心。",
                "上海是中国的经济中心 and a port city on the Yangtze delta.",
                "The 2019 TREC deep learning track used MS MARCO passages; 12 % of them were judged.",
                "长城 ".repeat(700),
                "the river floods the valley every spring and the farmers wait. ".repeat(60)));
        for (int i = 0; i < 9; i++) {
            texts.add("Passage " + i + ": " + "a dog runs across the green lawn after a red ball. ".repeat(1 + i));
        }
        return texts;
    }

    private static LiteConfig config(String tuning, String bucketSize) {
        return LiteConfigs.fromEnvironment(Map.of(
                "lychee.worker.lite.runtime.graph-tuning", tuning,
                "lychee.worker.lite.bucket-size", bucketSize));
    }

    private static float[][] embed(BgeModel model, String tuning, String bucketSize) {
        LiteConfig c = config(tuning, bucketSize);
        try (BgeEncoder encoder = new BgeEncoder(model, c.maxTokens(), c.bucketSize(), c.runtime())) {
            return encoder.embed(texts());
        }
    }

    private static byte[] shipped(BgeModel model) throws IOException {
        try (InputStream in = BertGraphTuningTest.class.getClassLoader().getResourceAsStream(model.onnxResource())) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(BgeModel.class)
    void oneTextRunsGetEveryBitAsTheShippedGraphGivesThem(BgeModel model) {
        assertThat(embed(model, "true", "1")).isDeepEqualTo(embed(model, "false", "1"));
    }

    @ParameterizedTest
    @EnumSource(BgeModel.class)
    void paddedBucketsKeepTheirMaskAndGetEveryBitToo(BgeModel model) {
        float[][] tuned = embed(model, "true", "4");
        assertThat(tuned).isDeepEqualTo(embed(model, "false", "4"));
        // padding really reached the model: a padded text's embedding is not its one-text embedding
        assertThat(tuned).isNotEqualTo(embed(model, "false", "1"));
    }

    @ParameterizedTest
    @EnumSource(BgeModel.class)
    void everyBiasAddTurnsAndEveryLayersMaskAddGoesOnlyWithoutPadding(BgeModel model) throws IOException {
        byte[] onnx = shipped(model);
        // one Softmax per layer: bge-small-en has 12 layers, bge-small-zh 4
        long layers = OnnxModel.parse(onnx).nodes().stream().filter(n -> n.opType().equals("Softmax")).count();
        assertThat(layers).isEqualTo(model == BgeModel.EN ? 12 : 4);
        BertGraphTuning.Result unpadded = BertGraphTuning.tune(onnx, true);
        // in each layer query, key, value, attention output, intermediate and output dense have a bias add
        assertThat(unpadded.biasAddsTurned()).isEqualTo(6 * layers);
        assertThat(unpadded.maskAddsDropped()).isEqualTo(layers);
        // the mask's own arithmetic goes with its adds
        assertThat(unpadded.nodesAfter()).isLessThan(unpadded.nodesBefore() - (int) layers);
        assertThat(OnnxModel.parse(unpadded.model()).nodes()).noneMatch(n -> n.inputs().contains(BertGraphTuning.ATTENTION_MASK));

        BertGraphTuning.Result padded = BertGraphTuning.tune(onnx, false);
        assertThat(padded.biasAddsTurned()).isEqualTo(6 * layers);
        assertThat(padded.maskAddsDropped()).isZero();
        assertThat(OnnxModel.parse(padded.model()).nodes()).anyMatch(n -> n.inputs().contains(BertGraphTuning.ATTENTION_MASK));
    }

    @Test
    void aModelReadAndWrittenUnchangedIsTheSameBytes() throws IOException {
        byte[] onnx = shipped(BgeModel.EN);
        assertThat(OnnxModel.parse(onnx).toBytes()).isEqualTo(onnx);
    }

    @Test
    void aTruncatedModelIsRefusedNotMisread() throws IOException {
        byte[] onnx = shipped(BgeModel.EN);
        byte[] cut = java.util.Arrays.copyOf(onnx, onnx.length / 2);
        assertThatThrownBy(() -> OnnxModel.parse(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past the end");
    }

    @Test
    void somethingThatIsNotAnOnnxModelIsRefusedByName() {
        assertThatThrownBy(() -> OnnxModel.parse("{\"not\": \"onnx\"}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("protobuf");
    }
}
