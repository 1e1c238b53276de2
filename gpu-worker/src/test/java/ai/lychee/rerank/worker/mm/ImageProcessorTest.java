package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageProcessorTest {

    private final ImageProcessor processor = new ImageProcessor(PreprocessorConfig.defaults());

    @Test
    void matchesTheReferenceProcessorOutputForEveryImage() throws Exception {
        Path dir = ReferenceFiles.dir();
        for (JsonNode image : new ObjectMapper().readTree(dir.resolve("images.json").toFile())) {
            ProcessedImage got = processor.process(Files.readAllBytes(dir.resolve(image.get("image").asText())));
            int[] grid = ReferenceFiles.ints(image.get("grid_thw"));
            assertThat(new int[] {got.gridT(), got.gridH(), got.gridW()}).containsExactly(grid);
            float[] want = ReferenceFiles.readF32(dir.resolve(image.get("pixel_values").asText()));
            assertThat(got.pixelValues()).hasSize(image.get("shape").get(0).asInt() * image.get("shape").get(1).asInt());
            for (int i = 0; i < want.length; i++) {
                assertThat(got.pixelValues()[i]).as(image.get("image").asText() + " value " + i)
                        .isCloseTo(want[i], within(1e-5f));
            }
        }
    }

    @Test
    void smartResizeKeepsMultiplesOf28WithinThePixelBudget() {
        // already multiples of 28 and inside the budget: unchanged
        assertThat(ImageProcessor.smartResize(140, 196, 28, 3136, 1003520)).containsExactly(140, 196);
        // rounds to the nearest multiple, half to even: 42/28 = 1.5 -> 2, 70/28 = 2.5 -> 2
        assertThat(ImageProcessor.smartResize(42, 70, 28, 0, 1003520)).containsExactly(56, 56);
        // 1000x2000 (H x W) over 1003520 pixels: scaled down by sqrt(2e6/1003520), floored to multiples of 28
        int[] big = ImageProcessor.smartResize(1000, 2000, 28, 3136, 1003520);
        assertThat(big).containsExactly(700, 1400);
        assertThat((long) big[0] * big[1]).isLessThanOrEqualTo(1003520);
        // too few pixels: scaled up to at least min pixels
        int[] small = ImageProcessor.smartResize(30, 30, 28, 3136, 1003520);
        assertThat(small).containsExactly(56, 56);
    }

    @Test
    void resizesAnOddSizedPhotoToTheGridItReports() throws Exception {
        BufferedImage image = new BufferedImage(301, 203, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 203; y++) {
            for (int x = 0; x < 301; x++) {
                image.setRGB(x, y, (x * 255 / 301) << 16 | (y * 255 / 203) << 8 | 128);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        ProcessedImage got = processor.process(png.toByteArray());
        // 203 -> 196 (7 x 28), 301 -> 308 (11 x 28): grid 14 x 22 patches, 7 x 11 = 77 image tokens
        assertThat(new int[] {got.gridT(), got.gridH(), got.gridW()}).containsExactly(1, 14, 22);
        assertThat(got.tokens(2)).isEqualTo(77);
        assertThat(got.pixelValues()).hasSize(14 * 22 * 3 * 2 * 14 * 14);
    }

    @Test
    void rejectsBytesThatAreNotAnImageAndImagesTooSmall() throws Exception {
        assertThatThrownBy(() -> processor.process("not an image".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(10, 100, BufferedImage.TYPE_INT_RGB), "png", png);
        assertThatThrownBy(() -> processor.process(png.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 28");
    }
}
