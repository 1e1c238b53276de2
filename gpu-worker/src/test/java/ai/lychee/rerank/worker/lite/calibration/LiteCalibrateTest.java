package ai.lychee.rerank.worker.lite.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.worker.ScoringPair;
import ai.lychee.rerank.worker.lite.LiteCalibration;
import ai.lychee.rerank.worker.lite.LiteConfigs;
import ai.lychee.rerank.worker.lite.LiteScorer;
import ai.lychee.rerank.worker.lite.PairCosine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lychee calibrate end to end with the real bge models, on slices of the shared English and Chinese sets: it prints
 * held-out figures beside plain cosine, decides, writes a calibration the scorer reads, and the cosines it
 * calibrates are bit for bit the scorer's.
 */
class LiteCalibrateTest {

    private static final Path SHARED = Path.of(System.getProperty("lychee.shared.dir", "../../shared"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void crossValidatesDecidesAndWritesACalibrationTheScorerReads(@TempDir Path dir) throws Exception {
        Path english = slice(SHARED.resolve("eval/text/dl19.jsonl"), dir.resolve("dl19-slice.jsonl"), 8, 12);
        Path chinese = slice(SHARED.resolve("eval/text/kuake-qtr.jsonl"), dir.resolve("kuake-slice.jsonl"), 40, 100);
        Path written = dir.resolve("lite-calibration.json");
        LiteCalibrate.Options options = new LiteCalibrate.Options(List.of(english, chinese), new QueryFolds(4, 2, 16),
                BandAims.DEFAULT, dir.resolve("cache"), written);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        LiteCalibrate.run(options, LiteConfigs.fromEnvironment(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("== dl19-slice: 8 queries", "== kuake-slice: 40 queries", "plain cosine",
                "cosine, bge query prefix", "cosine + lexical overlap (fitted)", "grade 0", "grade 3",
                "bge query prefix for en:", "bge query prefix for zh:", "wrote " + written);
        List<String> lines = report.strip().lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("kuake_slice_grade0_low_cv: [0-9.]+");
        assertThat(lines).anyMatch(l -> l.matches("dl19_slice_shipped_ndcg10_cv: 0\\.[0-9]{4}"));

        LiteCalibration calibration = LiteCalibration.parse(JSON.readTree(written.toFile()));
        JsonNode file = JSON.readTree(written.toFile());
        assertThat(file.at("/models/en/fittedOn/dl19-slice").asInt()).isEqualTo(8 * 12);
        assertThat(file.at("/models/zh/fittedOn/kuake-slice").asInt()).isPositive();

        // the cosines it fitted on are the scorer's own
        LabelledSet set = PairTable.load(chinese, dir.resolve("cache"), LiteConfigs.fromEnvironment(), new PrintStream(progress));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("pairs from");
        LiteScorer scorer = LiteScorer.standalone(LiteConfigs.fromEnvironment());
        LabelledTask task = set.tasks().get(0);
        List<ScoringPair> pairs = new ArrayList<>();
        JsonNode source = JSON.readTree(Files.readAllLines(chinese).get(0));
        for (JsonNode d : source.get("docs")) {
            pairs.add(new ScoringPair(null, Content.text(source.at("/query/text").asText()), Content.text(d.get("text").asText())));
        }
        List<PairCosine> cosines = scorer.cosines(pairs);
        for (int i = 0; i < pairs.size(); i++) {
            assertThat(task.pairs().get(i).cosine()).isEqualTo(cosines.get(i).cosine());
            assertThat(task.pairs().get(i).model()).isEqualTo(cosines.get(i).model());
        }
        assertThat(calibration.score(cosines.get(0).model(), 1.0)).isEqualTo(1.0);
    }

    @Test
    void anImageSetIsRefusedWithAReason(@TempDir Path dir) {
        Path images = SHARED.resolve("eval/image/flickr8k-cn/i2t-en.jsonl");
        LiteCalibrate.Options options = new LiteCalibrate.Options(List.of(images), new QueryFolds(5, 1, 16),
                BandAims.DEFAULT, dir, null);
        assertThatThrownBy(() -> LiteCalibrate.run(options, LiteConfigs.fromEnvironment(), System.out, System.err))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 tasks with a text query and text documents");
    }

    /** The first {@code tasks} tasks, each cut to its first {@code docs} candidates (judgments kept). */
    static Path slice(Path from, Path to, int tasks, int docs) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(from, StandardCharsets.UTF_8).subList(0, tasks)) {
            ObjectNode task = (ObjectNode) JSON.readTree(line);
            ArrayNode kept = JSON.createArrayNode();
            for (int i = 0; i < Math.min(docs, task.get("docs").size()); i++) {
                kept.add(task.get("docs").get(i));
            }
            task.set("docs", kept);
            out.add(JSON.writeValueAsString(task));
        }
        Files.write(to, out, StandardCharsets.UTF_8);
        return to;
    }
}
