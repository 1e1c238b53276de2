package ai.lychee.rerank.worker.mm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Qwen2-VL image processor settings from {@code preprocessor_config.json}; the defaults are the released
 * Qwen2.5-VL values, used when the file or a field is absent.
 */
public record PreprocessorConfig(long minPixels, long maxPixels, int patchSize, int temporalPatchSize,
                                 int mergeSize, double[] mean, double[] std) {

    public static final double[] CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
    public static final double[] CLIP_STD = {0.26862954, 0.26130258, 0.27577711};

    public static PreprocessorConfig defaults() {
        return new PreprocessorConfig(56L * 56, 28L * 28 * 1280, 14, 2, 2, CLIP_MEAN, CLIP_STD);
    }

    /** Resize factor: sides are multiples of patch size times merge size (28). */
    public int factor() {
        return patchSize * mergeSize;
    }

    public PreprocessorConfig withMaxPixels(long max) {
        return new PreprocessorConfig(minPixels, max, patchSize, temporalPatchSize, mergeSize, mean, std);
    }

    public static PreprocessorConfig read(Path dir) {
        Path file = dir.resolve("preprocessor_config.json");
        PreprocessorConfig d = defaults();
        if (!Files.isRegularFile(file)) {
            return d;
        }
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            JsonNode size = n.path("size");
            long min = n.has("min_pixels") ? n.get("min_pixels").asLong() : size.path("shortest_edge").asLong(d.minPixels());
            long max = n.has("max_pixels") ? n.get("max_pixels").asLong() : size.path("longest_edge").asLong(d.maxPixels());
            return new PreprocessorConfig(min, max, n.path("patch_size").asInt(d.patchSize()),
                    n.path("temporal_patch_size").asInt(d.temporalPatchSize()), n.path("merge_size").asInt(d.mergeSize()),
                    doubles(n.path("image_mean"), d.mean()), doubles(n.path("image_std"), d.std()));
        } catch (IOException e) {
            throw new ModelFilesException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static double[] doubles(JsonNode array, double[] fallback) {
        if (!array.isArray() || array.size() != 3) {
            return fallback;
        }
        return new double[] {array.get(0).asDouble(), array.get(1).asDouble(), array.get(2).asDouble()};
    }
}
