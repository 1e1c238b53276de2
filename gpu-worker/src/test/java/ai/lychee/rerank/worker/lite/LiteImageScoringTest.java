package ai.lychee.rerank.worker.lite;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.worker.ScoringPair;
import ai.lychee.rerank.worker.image.ImageEvidenceExtractor;
import ai.lychee.rerank.worker.image.ImageSettings;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Image documents judged by the lite scorer with the optional labelers: the text model reads what the
 * labelers saw, so a query in other words ("puppy", "lawn") than the labels ("dog", "grass") still finds it.
 */
class LiteImageScoringTest {

    private static final Path SHARED = Path.of(System.getProperty("lychee.shared.dir", "../../shared"));
    private static ImageEvidenceExtractor extractor;
    private static LiteScorer scorer;

    @BeforeAll
    static void load() {
        extractor = new ImageEvidenceExtractor(ImageSettings.defaults().withLabelersIn(SHARED.resolve("models")));
        scorer = new LiteScorer(LiteConfigs.fromEnvironment(), extractor);
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    @Test
    void synonymsOfWhatTheLabelersSawFindThePhoto() throws Exception {
        byte[] dog = Files.readAllBytes(SHARED.resolve("eval/image/flickr8k-cn/images/1119015538_e8e796281e.jpg"));
        byte[] pink = solid(new Color(255, 182, 193));
        String query = "a puppy playing on the lawn";
        List<DocumentScore> scores = scorer.score(List.of(
                new ScoringPair(null, Content.text(query), new Content(null, dog, "dog")),
                new ScoringPair(null, Content.text(query), new Content(null, pink, "pink"))));
        assertThat(scores.get(0).subScores()).containsKey("image");
        // No label or colour word of the photo is in the query: only the text model's reading of the labels
        // ("dog", "grass") can tell the two apart.
        assertThat(scores.get(0).score()).isGreaterThan(scores.get(1).score() + 0.05);
    }

    private static byte[] solid(Color colour) throws Exception {
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 300, 300);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
