package ai.lychee.rerank.worker.image;

import ai.lychee.rerank.worker.image.OnnxModel.Tensor;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional COCO labeler (FastestDet, {@code fastestdet-coco.onnx}): a 22x22 grid of cells, each with an
 * objectness, a box and 80 class scores; a cell counts when objectness^0.6 * class^0.4 passes the threshold (the
 * weighting FastestDet's own example uses). Only which classes appear matters here, not where, so boxes are
 * not decoded. Class names come in English ({@code coco.names}) and Chinese (a resource of ours).
 */
public final class CocoDetector implements AutoCloseable {
    private static final int SIZE = 352;
    static final double MIN_SCORE = 0.6;
    private static final String CHINESE_NAMES = "lychee/image/coco-names-zh.txt";

    private final OnnxModel model;
    private final List<String> english;
    private final List<String> chinese;

    public CocoDetector(Path modelFile, Path labelsFile) {
        this.model = OnnxModel.load(modelFile);
        try {
            this.english = Files.readAllLines(labelsFile, StandardCharsets.UTF_8).stream()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            try (InputStream in = CocoDetector.class.getClassLoader().getResourceAsStream(CHINESE_NAMES)) {
                this.chinese = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                        .map(String::trim).filter(s -> !s.isEmpty()).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classes seen, most confident first, each once. */
    public List<ObjectLabel> detect(BufferedImage image) {
        BufferedImage input = ImageDecoder.resize(image, SIZE, SIZE);
        int plane = SIZE * SIZE;
        float[] data = new float[3 * plane];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = input.getRGB(x, y);
                int i = y * SIZE + x;
                data[i] = (rgb & 0xFF) / 255f; // blue, green, red planes in [0, 1] (OpenCV order)
                data[plane + i] = (rgb >> 8 & 0xFF) / 255f;
                data[2 * plane + i] = (rgb >> 16 & 0xFF) / 255f;
            }
        }
        Tensor out = model.run(new Tensor(data, 1, 3, SIZE, SIZE));
        int channels = out.dim(1);
        int cells = out.dim(2) * out.dim(3);
        int classes = channels - 5;
        float[] o = out.data();
        double[] best = new double[classes];
        for (int c = 0; c < cells; c++) {
            double objectness = o[c];
            int cls = 0;
            double clsScore = -1;
            for (int k = 0; k < classes; k++) {
                double v = o[(5 + k) * cells + c];
                if (v > clsScore) {
                    clsScore = v;
                    cls = k;
                }
            }
            double score = Math.pow(Math.max(0, objectness), 0.6) * Math.pow(Math.max(0, clsScore), 0.4);
            best[cls] = Math.max(best[cls], score);
        }
        List<ObjectLabel> labels = new ArrayList<>();
        for (int k = 0; k < classes && k < english.size(); k++) {
            if (best[k] >= MIN_SCORE) {
                labels.add(new ObjectLabel(english.get(k), k < chinese.size() ? chinese.get(k) : null, best[k]));
            }
        }
        labels.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
        return List.copyOf(labels);
    }

    @Override
    public void close() {
        model.close();
    }
}
