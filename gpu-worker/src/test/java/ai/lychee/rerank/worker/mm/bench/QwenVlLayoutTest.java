package ai.lychee.rerank.worker.mm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.lychee.rerank.worker.mm.QwenVlConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The random checkpoints' layouts are the released ones: every value of the published config.json
 * (../shared/reference/qwen2_5_vl/configs) as written, the parameter count as published (3.75B, and lychee-rerank-mm's
 * 8.29B for the 7B), and what the worker's config reader makes of the written file.
 */
class QwenVlLayoutTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"3b, qwen2.5-vl-3b-instruct.config.json, 3.75", "7b, qwen2.5-vl-7b-instruct.config.json, 8.29"})
    void theLayoutIsThePublishedConfiguration(String size, String published, double billions) throws Exception {
        Path file = Path.of(System.getProperty("lychee.shared.dir", "../../shared"), "reference", "qwen2_5_vl", "configs", published);
        assumeTrue(Files.isRegularFile(file), "published configs absent at " + file.toAbsolutePath());
        ObjectMapper json = new ObjectMapper();
        QwenVlLayout layout = QwenVlLayout.of(size);
        JsonNode ours = json.readTree(layout.configJson());
        JsonNode theirs = json.readTree(file.toFile());
        Iterator<Map.Entry<String, JsonNode>> fields = theirs.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            assertThat(ours.get(field.getKey())).as(size + " " + field.getKey()).isEqualTo(field.getValue());
        }
        assertThat(layout.parameters() / 1e9).isCloseTo(billions, org.assertj.core.api.Assertions.within(0.005));

        Files.writeString(temp.resolve("config.json"), layout.configJson());
        QwenVlConfig read = QwenVlConfig.read(temp);
        assertThat(read.hiddenSize()).isEqualTo(layout.hidden());
        assertThat(read.numLayers()).isEqualTo(layout.layers());
        assertThat(read.tieWordEmbeddings()).isEqualTo(layout.tied());
        assertThat(read.vision().fullAttentionBlocks()).containsExactly(7, 15, 23, 31);
    }

    @ParameterizedTest
    @CsvSource({"3b, 1, 1, 0", "7b, 2, 2, 1", "7b, 9, 9, 7", "7b, 40, 28, 7"})
    void cuttingTheDepthKeepsEveryWidth(String size, int layers, int decoder, int firstFullAttention) {
        QwenVlLayout full = QwenVlLayout.of(size);
        QwenVlLayout cut = full.withLayers(layers);
        assertThat(cut.layers()).isEqualTo(decoder);
        assertThat(cut.fullAttentionBlocks()[0]).isEqualTo(firstFullAttention);
        assertThat(cut.hidden()).isEqualTo(full.hidden());
        assertThat(cut.vocab()).isEqualTo(full.vocab());
        assertThat(cut.intermediate()).isEqualTo(full.intermediate());
    }
}
