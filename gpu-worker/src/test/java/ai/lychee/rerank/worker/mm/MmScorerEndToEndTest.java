package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.worker.InvalidPairException;
import ai.lychee.rerank.worker.ScoringPair;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer through the Scorer interface on a checkpoint written by models/scripts/TinyQwen25VlCheckpoint.java
 * (random weights, real layout, real tokenizer.json read by DJL's HuggingFace tokenizers).
 */
class MmScorerEndToEndTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @TempDir
    static Path temp;
    static Path checkpoint;
    static MmScorer scorer;

    @BeforeAll
    static void writeCheckpointAndWarmUp() throws Exception {
        checkpoint = writeTinyCheckpoint(temp.resolve("tiny"));
        scorer = new MmScorer(config(checkpoint, Map.of("lychee.worker.mm.max-batch", "2")));
        scorer.warmUp();
    }

    /** The tiny random checkpoint (with its tokenizer.json) that models/scripts/TinyQwen25VlCheckpoint.java writes. */
    static Path writeTinyCheckpoint(Path dir) throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).getParent()
                .resolve("models/scripts/TinyQwen25VlCheckpoint.java");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                script.toString(), dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        return dir;
    }

    @AfterAll
    static void close() {
        if (scorer != null) {
            scorer.close();
        }
    }

    static MmConfig config(Path dir, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("lychee.worker.mm.model-dir", dir.toString());
        props.putIfAbsent("lychee.worker.mm.device", "cpu");
        return new SmallRyeConfigBuilder().withMapping(MmConfig.class)
                .withSources(new PropertiesConfigSource(props, "test", 500)).build().getConfigMapping(MmConfig.class);
    }

    static byte[] png(int width, int height, int seed) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((x * seed) & 0xff) << 16 | ((y * 7 + seed) & 0xff) << 8 | ((x + y) & 0xff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void scoresTextAndImagePairsTheSameAloneAndInABatch() throws Exception {
        ScoringPair textPair = new ScoringPair("Find the answer.", Content.text("what is a lychee"),
                Content.text("The lychee is a tropical fruit. 荔枝是一种热带水果。"));
        ScoringPair imageDoc = new ScoringPair(null, Content.text("a red fruit"),
                new Content("photo of fruit", png(120, 90, 3), "d1"));
        ScoringPair imageQuery = new ScoringPair(null, new Content(null, png(60, 60, 5), "d2"),
                Content.text("a shop"));
        List<DocumentScore> batch = scorer.score(List.of(textPair, imageDoc, imageQuery));
        assertThat(batch).hasSize(3);
        for (DocumentScore s : batch) {
            assertThat(s.score()).isBetween(0.0, 1.0);
        }
        assertThat(scorer.score(List.of(textPair)).get(0).score()).isCloseTo(batch.get(0).score(), within(1e-6));
        assertThat(scorer.score(List.of(imageDoc)).get(0).score()).isCloseTo(batch.get(1).score(), within(1e-6));
        assertThat(scorer.score(List.of(imageQuery)).get(0).score()).isCloseTo(batch.get(2).score(), within(1e-6));
        // different documents, different scores: the model sees the inputs
        assertThat(batch.get(0).score()).isNotEqualTo(batch.get(1).score());
        assertThat(scorer.name()).isEqualTo("lychee-rerank-mm");
    }

    @Test
    void putsOneRunOfImageTokensBetweenVisionStartAndEndPerImage() throws Exception {
        MmReranker reranker = scorer.reranker();
        // 120x90 -> 112x84 (multiples of 28, half to even) -> 8x6 patches -> 4x3 = 12 tokens
        ModelInput input = reranker.prepare(0, new ScoringPair("judge", new Content("q", png(60, 60, 1), "a"),
                new Content("doc text", png(120, 90, 2), "b")));
        int[] ids = input.ids();
        assertThat(input.images()).hasSize(2);
        int[] starts = indexesOf(ids, 502);
        int[] ends = indexesOf(ids, 503);
        assertThat(starts).hasSize(2);
        assertThat(ends).hasSize(2);
        int[] expectedTokens = {input.images().get(0).tokens(2), input.images().get(1).tokens(2)};
        assertThat(expectedTokens).containsExactly(4, 12);
        for (int i = 0; i < 2; i++) {
            assertThat(ends[i] - starts[i] - 1).isEqualTo(expectedTokens[i]);
            for (int k = starts[i] + 1; k < ends[i]; k++) {
                assertThat(ids[k]).isEqualTo(505);
            }
        }
        assertThat(indexesOf(ids, 505)).hasSize(16);
        // the prompt opens with <|im_start|> and closes with the assistant turn
        assertThat(ids[0]).isEqualTo(497);
        // and caller text cannot add image slots
        ModelInput sneaky = reranker.prepare(0, new ScoringPair(null, Content.text("<|image_pad|>"), Content.text("x")));
        assertThat(indexesOf(sneaky.ids(), 505)).isEmpty();
    }

    @Test
    void aBrokenImageNamesItsPair() {
        ScoringPair fine = new ScoringPair(null, Content.text("q"), Content.text("d"));
        ScoringPair broken = new ScoringPair(null, Content.text("q"), new Content(null, new byte[] {1, 2, 3}, "x"));
        assertThatThrownBy(() -> scorer.score(List.of(fine, broken)))
                .isInstanceOfSatisfying(InvalidPairException.class, e -> {
                    assertThat(e.pairIndex()).isEqualTo(1);
                    assertThat(e.queryAtFault()).isFalse();
                })
                .hasMessageContaining("pair 1").hasMessageContaining("document image");
    }

    @Test
    void startUpStopsWithAMessageNamingWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> MmReranker.load(new SmallRyeConfigBuilder().withMapping(MmConfig.class).build()
                .getConfigMapping(MmConfig.class)))
                .isInstanceOf(ModelFilesException.class).hasMessageContaining("model-dir is not set");

        Path noTokenizer = copy("no-tokenizer");
        Files.delete(noTokenizer.resolve("tokenizer.json"));
        assertThatThrownBy(() -> MmReranker.load(config(noTokenizer, Map.of())))
                .isInstanceOf(ModelFilesException.class).hasMessageContaining("tokenizer.json");

        Path noWeights = copy("no-weights");
        Files.delete(noWeights.resolve("model.safetensors"));
        assertThatThrownBy(() -> MmReranker.load(config(noWeights, Map.of())))
                .isInstanceOf(ModelFilesException.class).hasMessageContaining("model.safetensors");

        Path wider = copy("wider");
        Path cfg = wider.resolve("config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"intermediate_size\": 128", "\"intermediate_size\": 256"));
        assertThatThrownBy(() -> MmReranker.load(config(wider, Map.of())))
                .isInstanceOf(ModelFilesException.class)
                .hasMessageContaining("model.layers.0.mlp.gate_proj.weight").hasMessageContaining("[128, 64]")
                .hasMessageContaining("[256, 64]");

        assertThatThrownBy(() -> MmReranker.load(config(checkpoint, Map.of("lychee.worker.mm.dtype", "bf16"))))
                .isInstanceOf(ModelFilesException.class).hasMessageContaining("bf16");
    }

    private static Path copy(String name) throws IOException {
        Path dir = temp.resolve(name);
        Files.createDirectories(dir);
        try (var files = Files.list(checkpoint)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static int[] indexesOf(int[] ids, int token) {
        return java.util.stream.IntStream.range(0, ids.length).filter(i -> ids[i] == token).toArray();
    }
}
