package ai.lychee.rerank.worker.image;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lychee.rerank.protocol.DocumentScore;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Image evidence turned into sub-scores, and the consistency verdict. */
class ImageRelevanceTest {
    private static ImageEvidenceExtractor extractor;
    private static ImageRelevance relevance;

    @BeforeAll
    static void load() {
        extractor = new ImageEvidenceExtractor(ImageSettings.defaults().withLabelersIn(TestImages.shared().resolve("models")));
        relevance = new ImageRelevance(extractor, FlickrImageEval.WORD_OVERLAP);
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    @Test
    void colourAndObjectWordsInEitherLanguageMatchTheImage() {
        ImageEvidence pink = extractor.extract(TestImages.encode(TestImages.solid(400, 300, new Color(255, 182, 193)), "png"), null);
        assertThat(relevance.textToImage(null, "浅粉色的背景", pink)).isGreaterThan(0.5);
        assertThat(relevance.textToImage(null, "a light pink wall", pink)).isGreaterThan(0.5);
        assertThat(relevance.textToImage(null, "深蓝色的海", pink)).isZero();
        ImageEvidence dog = extractor.extract(TestImages.read(TestImages.photo("1119015538_e8e796281e.jpg")), null);
        assertThat(relevance.textToImage(null, "一只小狗在草地上奔跑", dog)).isGreaterThan(0.4);
        assertThat(relevance.textToImage(null, "A little tan dog running through the grass", dog)).isGreaterThan(0.4);
        assertThat(relevance.imageToText(null, dog, "A dog runs")).isGreaterThan(0.4);
        assertThat(relevance.textToImage(null, "Three men on a snowy plain", dog)).isLessThan(0.2);
    }

    @Test
    void ocrTextIsJudgedByTheTextMatcher() {
        ImageEvidence receipt = extractor.extract(TestImages.encode(
                TestImages.text(800, 200, 40, "Refund approved today"), "png"), null);
        assertThat(relevance.textToImage(null, "refund approved", receipt)).isGreaterThan(0.8);
    }

    @Test
    void splitWhenImageAndTextDisagreeByMoreThanAThird() {
        DocumentScore split = ScoreCombination.of(0.9, 0.2, List.of(QualityInspector.BLURRY));
        assertThat(split.consistency()).isEqualTo(ScoreCombination.SPLIT);
        assertThat(split.subScores()).containsEntry("text", 0.9).containsEntry("image", 0.2);
        assertThat(split.flags()).containsExactly("blurry");
        assertThat(ScoreCombination.of(0.8, 0.6, List.of()).consistency()).isEqualTo(ScoreCombination.CONSISTENT);
        assertThat(ScoreCombination.of(null, 0.6, List.of()).consistency()).isNull();
        assertThat(ScoreCombination.of(null, 0.6, List.of()).score()).isEqualTo(0.6);
    }
}
