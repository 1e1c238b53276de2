package ai.lychee.rerank.worker.lite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forward runs side by side give exactly the embeddings of runs one after another (the real bge-small-en). */
class BgeEncoderParallelRunsTest {

    private static LiteConfig config(String parallelRuns) {
        return LiteConfigs.fromEnvironment(Map.of("lychee.worker.lite.runtime.parallel-runs", parallelRuns));
    }

    private static BgeEncoder encoder(LiteConfig c) {
        return new BgeEncoder(BgeModel.EN, c.maxTokens(), c.bucketSize(), c.runtime());
    }

    @Test
    void parallelRunsChangeNoEmbeddingByEvenOneBit() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            texts.add("Passage " + i + ": " + "the river floods the valley every spring and the farmers wait. ".repeat(1 + i % 7));
        }
        float[][] serial;
        float[][] parallel;
        try (BgeEncoder one = encoder(config("1"))) {
            serial = one.embed(texts);
        }
        try (BgeEncoder three = encoder(config("3"))) {
            parallel = three.embed(texts);
            // and again, with runs finishing in another order
            List<String> backwards = new ArrayList<>(texts);
            java.util.Collections.reverse(backwards);
            assertThat(three.embed(backwards)).isDeepEqualTo(reversed(serial));
        }
        assertThat(parallel).isDeepEqualTo(serial);
    }

    @Test
    void zeroMeansAsManyRunsAsFitTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(BgeEncoder.parallelRuns(config("0").runtime())).isEqualTo(Math.max(1, cores));
        assertThat(BgeEncoder.parallelRuns(config("2").runtime())).isEqualTo(2);
    }

    private static float[][] reversed(float[][] a) {
        float[][] r = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }
}
