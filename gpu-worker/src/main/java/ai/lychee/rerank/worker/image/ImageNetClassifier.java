package ai.lychee.rerank.worker.image;

import ai.lychee.rerank.worker.image.OnnxModel.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional ImageNet labeler (MobileNetV2, {@code mobilenetv2-12-int8.onnx}): the top classes as words, each with
 * the coarse word a caption would use ("golden retriever" is also "dog" / "狗"), and the logits as a content
 * vector for image-to-image similarity.
 */
public final class ImageNetClassifier implements AutoCloseable {
    private static final int SIZE = 224;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    static final double MIN_PROBABILITY = 0.15;
    private static final int TOP = 3;
    static final double GROUP_PROBABILITY = 0.3;

    /** What the classifier made of an image. */
    public record Result(List<ObjectLabel> labels, float[] features) {
    }

    private final OnnxModel model;
    private final List<String> names;

    public ImageNetClassifier(Path modelFile, Path labelsFile) {
        this.model = OnnxModel.load(modelFile);
        try {
            this.names = Files.readAllLines(labelsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result classify(BufferedImage image) {
        // Shorter side to 256 then the central 224 square, as the model was evaluated.
        double scale = 256.0 / Math.min(image.getWidth(), image.getHeight());
        int w = Math.max(SIZE, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(SIZE, (int) Math.round(image.getHeight() * scale));
        BufferedImage resized = ImageDecoder.resize(image, w, h);
        BufferedImage crop = resized.getSubimage((w - SIZE) / 2, (h - SIZE) / 2, SIZE, SIZE);
        int plane = SIZE * SIZE;
        float[] data = new float[3 * plane];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = crop.getRGB(x, y);
                int i = y * SIZE + x;
                data[i] = ((rgb >> 16 & 0xFF) / 255f - MEAN[0]) / STD[0];
                data[plane + i] = ((rgb >> 8 & 0xFF) / 255f - MEAN[1]) / STD[1];
                data[2 * plane + i] = ((rgb & 0xFF) / 255f - MEAN[2]) / STD[2];
            }
        }
        float[] logits = model.run(new Tensor(data, 1, 3, SIZE, SIZE)).data();
        double[] prob = softmax(logits);
        List<ObjectLabel> labels = new ArrayList<>();
        boolean[] taken = new boolean[prob.length];
        for (int k = 0; k < TOP; k++) {
            int best = -1;
            for (int i = 0; i < prob.length; i++) {
                if (!taken[i] && (best < 0 || prob[i] > prob[best])) {
                    best = i;
                }
            }
            if (prob[best] < MIN_PROBABILITY) {
                break;
            }
            taken[best] = true;
            String name = names.get(best).split(",")[0].trim();
            labels.add(new ObjectLabel(name, ImageNetWords.chinese(name), prob[best]));
        }
        // Probability spread over many breeds or species still says "dog" or "bird" with confidence.
        for (ImageNetWords.Group group : ImageNetWords.GROUPS) {
            double p = group.probability(prob);
            if (p >= GROUP_PROBABILITY) {
                labels.add(new ObjectLabel(group.en(), group.zh(), p));
            }
        }
        return new Result(List.copyOf(labels), normalize(logits));
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.max(1e-9, Math.sqrt(norm)));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
