package ai.lychee.rerank.worker.mm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The original implementation's figures for the tiny checkpoint, read from ../shared/reference/qwen2_5_vl. */
final class ReferenceFiles {

    static final double TOLERANCE = 1e-4;

    private ReferenceFiles() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("lychee.shared.dir", "../../shared"), "reference", "qwen2_5_vl");
        assumeTrue(Files.isDirectory(dir), "reference files absent at " + dir.toAbsolutePath() + "; skipping");
        return dir;
    }

    static JsonNode expected(String flavour) {
        try {
            return new ObjectMapper().readTree(dir().resolve("expected-" + flavour + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode caseNamed(JsonNode expected, String name) {
        for (JsonNode c : expected.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** The image processor's reference output for the case's images, with their grids. */
    static List<ProcessedImage> referencePixels(JsonNode c) {
        List<ProcessedImage> images = new ArrayList<>();
        JsonNode grids = c.get("image_grid_thw");
        for (int i = 0; i < grids.size(); i++) {
            int[] g = ints(grids.get(i));
            Path file = dir().resolve("images").resolve(c.get("name").asText() + "-" + i + ".pixel_values.f32");
            images.add(new ProcessedImage(readF32(file), g[0], g[1], g[2]));
        }
        return images;
    }

    static float[] readF32(Path file) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[bytes.remaining() / 4];
            bytes.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ModelInput input(JsonNode c) {
        return new ModelInput(ints(c.get("input_ids")), referencePixels(c));
    }
}
