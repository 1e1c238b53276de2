package ai.lychee.rerank.worker.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole evidence pipeline on rendered images and eval photos, with and without the optional labelers. */
class ImageEvidenceExtractorTest {
    private static final String DOG_ON_GRASS = "1119015538_e8e796281e.jpg"; // "A little tan dog with large ears running through the grass"
    private static ImageEvidenceExtractor plain;
    private static ImageEvidenceExtractor labelled;

    @BeforeAll
    static void load() {
        plain = new ImageEvidenceExtractor(ImageSettings.defaults());
        labelled = new ImageEvidenceExtractor(ImageSettings.defaults().withOcr(false)
                .withLabelersIn(TestImages.shared().resolve("models")));
    }

    @AfterAll
    static void close() {
        plain.close();
        labelled.close();
    }

    @Test
    void namesASolidColourInBothLanguages() {
        ImageEvidence e = plain.extract(TestImages.encode(TestImages.solid(400, 300, new Color(255, 182, 193)), "png"), null);
        assertThat(e.colourWordsZh()).containsExactly("浅粉色");
        assertThat(e.colourWordsEn()).containsExactly("light pink");
        assertThat(e.hasText()).isFalse();
        assertThat(e.qualityFlags()).doesNotContain(QualityInspector.BLURRY);
    }

    @Test
    void readsTextAndKeepsItInTheEvidence() {
        BufferedImage img = TestImages.text(800, 240, 40, "订单已发货", "Order shipped");
        ImageEvidence e = plain.extract(TestImages.encode(img, "png"), null);
        assertThat(e.ocrText()).contains("订单已发货");
        assertThat(e.ocrText().toLowerCase()).contains("order shipped");
        assertThat(e.qualityFlags()).doesNotContain(QualityInspector.OVEREXPOSED, QualityInspector.BLURRY);
    }

    @Test
    void flagsBlurDarknessGlareAndTinyImages() {
        BufferedImage sharp = TestImages.text(800, 400, 40, "清晰的文字 sharp text", "第二行 second line", "第三行 third line");
        ImageEvidence sharpEvidence = plain.extract(TestImages.encode(sharp, "png"), null);
        assertThat(sharpEvidence.qualityFlags()).doesNotContain(QualityInspector.BLURRY);
        ImageEvidence blurred = plain.extract(TestImages.encode(TestImages.blur(sharp, 6), "png"), null);
        assertThat(blurred.qualityFlags()).contains(QualityInspector.BLURRY);
        ImageEvidence dark = plain.extract(TestImages.encode(TestImages.solid(640, 480, new Color(5, 5, 8)), "png"), null);
        assertThat(dark.qualityFlags()).contains(QualityInspector.UNDEREXPOSED);
        ImageEvidence glare = plain.extract(TestImages.encode(TestImages.solid(640, 480, new Color(252, 252, 252)), "png"), null);
        assertThat(glare.qualityFlags()).contains(QualityInspector.OVEREXPOSED);
        ImageEvidence tiny = plain.extract(TestImages.encode(TestImages.solid(120, 90, Color.BLUE), "png"), null);
        assertThat(tiny.qualityFlags()).contains(QualityInspector.LOW_RESOLUTION);
        ImageEvidence photo = plain.extract(TestImages.read(TestImages.photo(DOG_ON_GRASS)), null);
        assertThat(photo.qualityFlags()).isEmpty();
    }

    @Test
    void labelersSeeADogInBothLanguages() {
        ImageEvidence e = labelled.extract(TestImages.read(TestImages.photo(DOG_ON_GRASS)), null);
        assertThat(e.labelWordsEn()).contains("dog");
        assertThat(e.labelWordsZh()).contains("狗");
        assertThat(e.fingerprint().features()).hasSize(1000);
        ImageEvidence noLabels = plain.extract(TestImages.read(TestImages.photo(DOG_ON_GRASS)), null);
        assertThat(noLabels.labels()).isEmpty();
    }

    @Test
    void theSamePhotoReencodedResizedOrCroppedScoresHighAndOthersLow() throws IOException {
        for (ImageEvidenceExtractor extractor : List.of(plain, labelled)) {
            byte[] original = TestImages.read(TestImages.photo(DOG_ON_GRASS));
            BufferedImage photo = ImageIO.read(new ByteArrayInputStream(original));
            ImageEvidence a = extractor.extract(original, null);
            ImageEvidence png = extractor.extract(TestImages.encode(photo, "png"), null);
            ImageEvidence small = extractor.extract(TestImages.encode(ImageDecoder.resize(photo, 200, 133), "jpg"), null);
            BufferedImage crop = photo.getSubimage(photo.getWidth() / 8, photo.getHeight() / 10,
                    photo.getWidth() * 3 / 4, photo.getHeight() * 3 / 4);
            ImageEvidence cropped = extractor.extract(TestImages.encode(crop, "jpg"), null);
            assertThat(extractor.similarity(a, png)).isGreaterThan(0.9);
            assertThat(extractor.similarity(a, small)).isGreaterThan(0.85);
            assertThat(extractor.similarity(a, cropped)).isGreaterThan(0.7);
            assertThat(extractor.similarity(cropped, a)).isGreaterThan(0.7);
            for (String other : List.of("1056338697_4f7d7ce270.jpg", "106490881_5a2dd9b7bd.jpg", "1082379191_ec1e53f996.jpg")) {
                ImageEvidence b = extractor.extract(TestImages.read(TestImages.photo(other)), null);
                assertThat(extractor.similarity(a, b)).as(other).isLessThan(0.4);
            }
        }
    }

    @Test
    void cachesByDigest() {
        byte[] bytes = TestImages.encode(TestImages.solid(300, 300, new Color(245, 130, 20)), "png");
        ImageEvidence first = plain.extract(bytes, "sha256:orange");
        assertThat(plain.extract(bytes, "sha256:orange")).isSameAs(first);
        assertThat(first.colourWordsZh()).containsExactly("橙色");
    }
}
