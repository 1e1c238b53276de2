package ai.lychee.rerank.worker.lite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.worker.ScoringPair;
import ai.lychee.rerank.worker.image.ImageEvidenceExtractor;
import ai.lychee.rerank.worker.image.ImageSettings;
import ai.lychee.rerank.worker.image.TestImages;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A picture of a text is that text: rendered as a clean screenshot (Chinese and English, answers and non-answers),
 * it scores within 0.03 of the typed text as a document, beside its own text, and as the query. With the optional
 * labelers on, so what they see in a screenshot cannot lift it either.
 */
class TextParityTest {

    private static final double PARITY = 0.03;
    private static ImageEvidenceExtractor extractor;
    private static LiteScorer scorer;

    @BeforeAll
    static void load() {
        extractor = new ImageEvidenceExtractor(ImageSettings.defaults().withLabelersIn(TestImages.shared().resolve("models")));
        scorer = new LiteScorer(LiteConfigs.fromEnvironment(), extractor);
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            中国的首都是哪里?             | 北京是中华人民共和国的首都
            中国的首都是哪里?             | 上海是中国的经济中心
            肾炎可以吃虾吗                | 慢性肾炎能不能吃虾
            What is the capital of France? | Paris is the capital of France.
            What is the capital of France? | Lyon is known for its cuisine.
            how long do fleas live        | A flea can live up to a year.
            """)
    void aScreenshotOfATextScoresAsTheText(String query, String text) {
        byte[] screenshot = screenshot(text);
        double typed = score(Content.text(query), Content.text(text)).score();
        DocumentScore pictured = score(Content.text(query), new Content(null, screenshot, "doc-" + text.hashCode()));
        assertThat(pictured.score()).as("image-only document").isCloseTo(typed, within(PARITY));
        DocumentScore both = score(Content.text(query), new Content(text, screenshot, "both-" + text.hashCode()));
        assertThat(both.score()).as("the text beside its screenshot").isCloseTo(typed, within(PARITY));
        assertThat(both.consistency()).isEqualTo("consistent");
        double asQuery = score(new Content(null, screenshot(query), "q-" + query.hashCode()), Content.text(text)).score();
        assertThat(asQuery).as("the query as a screenshot").isCloseTo(typed, within(PARITY));
    }

    private static DocumentScore score(Content query, Content document) {
        return scorer.score(List.of(new ScoringPair(null, query, document))).get(0);
    }

    /** Dark text on white, one line, as wide as the text: a clean screenshot (the service scales it to 512 px). */
    private static byte[] screenshot(String text) {
        java.awt.Graphics2D g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics();
        int width = g.getFontMetrics(TestImages.cjkFont(32)).stringWidth(text) + 40;
        g.dispose();
        return TestImages.encode(TestImages.text(width, 96, 32, text), "png");
    }
}
