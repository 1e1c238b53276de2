package ai.lychee.rerank.worker.image;

import java.awt.image.BufferedImage;

/**
 * What image-to-image similarity needs, small enough to cache for many images: a grey thumbnail (longest side
 * {@value #THUMB_SIDE}, aspect kept) to search crops in, a 64-bit difference hash of the whole picture, a coarse
 * RGB histogram, and, when the ImageNet classifier is configured, its L2-normalised logits as a content vector.
 */
public record ImageFingerprint(float[] thumb, int thumbWidth, int thumbHeight, long hash, float[] histogram,
                               float[] features) {
    static final int THUMB_SIDE = 96;
    private static final int BINS = 4;

    public static ImageFingerprint of(BufferedImage image, float[] features) {
        BufferedImage small = ImageDecoder.fit(image, THUMB_SIDE);
        int w = small.getWidth();
        int h = small.getHeight();
        float[] grey = new float[w * h];
        float[] histogram = new float[BINS * BINS * BINS];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = small.getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                grey[y * w + x] = 0.299f * r + 0.587f * g + 0.114f * b;
                histogram[(r * BINS / 256) * BINS * BINS + (g * BINS / 256) * BINS + b * BINS / 256] += 1f / (w * h);
            }
        }
        return new ImageFingerprint(grey, w, h, dHash(grey, w, 0, 0, w, h), histogram, features);
    }

    /**
     * The difference hash of a window of a grey image: the window averaged down to 9x8 cells, one bit per
     * horizontal neighbour pair (is the left cell brighter?). Re-encoding and resizing barely change it.
     */
    static long dHash(float[] grey, int stride, double x0, double y0, double ww, double wh) {
        float[] cells = new float[9 * 8];
        for (int cy = 0; cy < 8; cy++) {
            for (int cx = 0; cx < 9; cx++) {
                int xa = (int) Math.floor(x0 + ww * cx / 9);
                int xb = Math.max(xa + 1, (int) Math.floor(x0 + ww * (cx + 1) / 9));
                int ya = (int) Math.floor(y0 + wh * cy / 8);
                int yb = Math.max(ya + 1, (int) Math.floor(y0 + wh * (cy + 1) / 8));
                float s = 0;
                int n = 0;
                for (int y = ya; y < yb; y++) {
                    for (int x = xa; x < xb; x++) {
                        s += grey[y * stride + x];
                        n++;
                    }
                }
                cells[cy * 9 + cx] = s / n;
            }
        }
        long hash = 0;
        for (int cy = 0; cy < 8; cy++) {
            for (int cx = 0; cx < 8; cx++) {
                hash = hash << 1 | (cells[cy * 9 + cx] > cells[cy * 9 + cx + 1] ? 1 : 0);
            }
        }
        return hash;
    }
}
