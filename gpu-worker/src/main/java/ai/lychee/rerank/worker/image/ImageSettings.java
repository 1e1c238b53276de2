package ai.lychee.rerank.worker.image;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The image settings as plain values, so the extractor can be built from config in the service and
 * directly in tests and the eval command.
 */
public record ImageSettings(long maxPixels, int maxSide, int ocrMaxSide, int cacheEntries, boolean ocrEnabled,
                            Path classifierModel, Path classifierLabels, Path detectorModel, Path detectorLabels) {

    public static ImageSettings defaults() {
        return new ImageSettings(40_000_000L, 512, 960, 2048, true, null, null, null, null);
    }

    public static ImageSettings from(ImageConfig config) {
        return new ImageSettings(config.maxPixels(), config.maxSide(), config.ocrMaxSide(), config.cacheEntries(),
                config.ocrEnabled(), path(config.classifierModel()), path(config.classifierLabels()),
                path(config.detectorModel()), path(config.detectorLabels()));
    }

    /** The same settings with the optional labelers found in a folder laid out like ../shared/models. */
    public ImageSettings withLabelersIn(Path dir) {
        return new ImageSettings(maxPixels, maxSide, ocrMaxSide, cacheEntries, ocrEnabled,
                dir.resolve("mobilenetv2-12-int8.onnx"), dir.resolve("imagenet-labels.txt"),
                dir.resolve("fastestdet-coco.onnx"), dir.resolve("coco.names"));
    }

    public ImageSettings withOcr(boolean enabled) {
        return new ImageSettings(maxPixels, maxSide, ocrMaxSide, cacheEntries, enabled,
                classifierModel, classifierLabels, detectorModel, detectorLabels);
    }

    public ImageSettings withMaxPixels(long pixels) {
        return new ImageSettings(pixels, maxSide, ocrMaxSide, cacheEntries, ocrEnabled,
                classifierModel, classifierLabels, detectorModel, detectorLabels);
    }

    public boolean hasClassifier() {
        return classifierModel != null && classifierLabels != null;
    }

    public boolean hasDetector() {
        return detectorModel != null && detectorLabels != null;
    }

    private static Path path(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).map(Path::of).orElse(null);
    }
}
