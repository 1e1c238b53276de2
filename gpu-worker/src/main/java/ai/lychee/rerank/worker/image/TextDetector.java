package ai.lychee.rerank.worker.image;

import ai.lychee.rerank.worker.image.OnnxModel.Tensor;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PP-OCRv4 text detection (a DB, differentiable binarization, network): the model gives a per-pixel text
 * probability map; pixels above {@value #PIXEL_THRESHOLD} are grouped into connected regions, regions whose mean
 * probability is at least {@value #BOX_THRESHOLD} become boxes, and each box is grown back by the margin DB
 * shrank it by (area * {@value #UNCLIP_RATIO} / perimeter). Boxes are axis-aligned: rotated text is not read.
 */
final class TextDetector {
    static final float PIXEL_THRESHOLD = 0.3f;
    static final float BOX_THRESHOLD = 0.6f;
    static final double UNCLIP_RATIO = 1.6;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private static final int MIN_SIDE = 3;

    private final OnnxModel model;

    TextDetector(OnnxModel model) {
        this.model = model;
    }

    /** Text boxes in the coordinates of {@code image}, top to bottom then left to right. */
    List<Rectangle> detect(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        // The network wants sides that are multiples of 32.
        int inW = Math.max(32, Math.round(w / 32f) * 32);
        int inH = Math.max(32, Math.round(h / 32f) * 32);
        BufferedImage input = (inW == w && inH == h) ? image : ImageDecoder.resize(image, inW, inH);
        Tensor out = model.run(new Tensor(bgrPlanes(input), 1, 3, inH, inW));
        int mapH = out.dim(2);
        int mapW = out.dim(3);
        float[] prob = out.data();
        double sx = (double) w / mapW;
        double sy = (double) h / mapH;
        List<Rectangle> boxes = new ArrayList<>();
        boolean[] seen = new boolean[mapW * mapH];
        int[] queue = new int[mapW * mapH];
        for (int start = 0; start < prob.length; start++) {
            if (seen[start] || prob[start] <= PIXEL_THRESHOLD) {
                continue;
            }
            // Flood-fill one region, tracking its extent and mean probability.
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            seen[start] = true;
            int minX = mapW;
            int minY = mapH;
            int maxX = -1;
            int maxY = -1;
            double sum = 0;
            while (head < tail) {
                int p = queue[head++];
                int px = p % mapW;
                int py = p / mapW;
                sum += prob[p];
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                int[] neighbours = {px > 0 ? p - 1 : -1, px < mapW - 1 ? p + 1 : -1, py > 0 ? p - mapW : -1,
                        py < mapH - 1 ? p + mapW : -1};
                for (int q : neighbours) {
                    if (q >= 0 && !seen[q] && prob[q] > PIXEL_THRESHOLD) {
                        seen[q] = true;
                        queue[tail++] = q;
                    }
                }
            }
            int bw = maxX - minX + 1;
            int bh = maxY - minY + 1;
            if (bw < MIN_SIDE || bh < MIN_SIDE || sum / tail < BOX_THRESHOLD) {
                continue;
            }
            double grow = (double) bw * bh * UNCLIP_RATIO / (2.0 * (bw + bh));
            int x0 = clamp((int) Math.floor((minX - grow) * sx), w);
            int y0 = clamp((int) Math.floor((minY - grow) * sy), h);
            int x1 = clamp((int) Math.ceil((maxX + 1 + grow) * sx), w);
            int y1 = clamp((int) Math.ceil((maxY + 1 + grow) * sy), h);
            if (x1 - x0 >= MIN_SIDE && y1 - y0 >= MIN_SIDE) {
                boxes.add(new Rectangle(x0, y0, x1 - x0, y1 - y0));
            }
        }
        // Reading order: lines top to bottom (boxes within half a line height count as one line), then left to right.
        boxes.sort(Comparator.comparingInt((Rectangle r) -> r.y + r.height / 2).thenComparingInt(r -> r.x));
        List<Rectangle> ordered = new ArrayList<>(boxes);
        for (int i = 1; i < ordered.size(); i++) {
            for (int j = i; j > 0; j--) {
                Rectangle a = ordered.get(j - 1);
                Rectangle b = ordered.get(j);
                boolean sameLine = Math.abs((a.y + a.height / 2) - (b.y + b.height / 2)) < Math.min(a.height, b.height) / 2;
                if (sameLine && b.x < a.x) {
                    ordered.set(j - 1, b);
                    ordered.set(j, a);
                } else {
                    break;
                }
            }
        }
        return ordered;
    }

    /** RGB pixels to normalized planes in the blue, green, red order PaddleOCR was trained with. */
    private static float[] bgrPlanes(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = w * h;
        float[] data = new float[3 * plane];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int i = y * w + x;
                data[i] = ((rgb & 0xFF) / 255f - MEAN[0]) / STD[0];
                data[plane + i] = ((rgb >> 8 & 0xFF) / 255f - MEAN[1]) / STD[1];
                data[2 * plane + i] = ((rgb >> 16 & 0xFF) / 255f - MEAN[2]) / STD[2];
            }
        }
        return data;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
