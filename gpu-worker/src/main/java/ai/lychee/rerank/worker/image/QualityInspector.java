package ai.lychee.rerank.worker.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags images a reader would call poor: {@code blurry} (little high-frequency energy: variance of the Laplacian),
 * {@code overexposed} / {@code underexposed} (highlights or shadows clipped over much of the picture) and
 * {@code low_resolution} (too few original pixels to show detail).
 */
public final class QualityInspector {
    public static final String BLURRY = "blurry";
    public static final String OVEREXPOSED = "overexposed";
    public static final String UNDEREXPOSED = "underexposed";
    public static final String LOW_RESOLUTION = "low_resolution";

    /** Below this variance of the Laplacian (on the image at 512 px) a picture has no sharp edges anywhere. */
    static final double BLUR_VARIANCE = 40;
    /** A picture this flat (grey standard deviation) has nothing to be sharp about: not called blurry. */
    static final double FLAT_STDDEV = 6;
    /** Fewer pixels than 200x200 show too little detail for a photo to be judged on. */
    static final long LOW_RESOLUTION_PIXELS = 200L * 200;
    private static final int WORK_SIDE = 512;

    /**
     * @param hasText when OCR found text, a bright background is a page, not an overexposed photo
     */
    public List<String> flags(NormalizedImage normalized, boolean hasText) {
        BufferedImage img = ImageDecoder.fit(normalized.image(), WORK_SIDE);
        int w = img.getWidth();
        int h = img.getHeight();
        float[] grey = new float[w * h];
        double sum = 0;
        double sumSq = 0;
        int bright = 0;
        int dark = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                float v = 0.299f * (rgb >> 16 & 0xFF) + 0.587f * (rgb >> 8 & 0xFF) + 0.114f * (rgb & 0xFF);
                grey[y * w + x] = v;
                sum += v;
                sumSq += v * v;
                if (v >= 245) {
                    bright++;
                } else if (v <= 15) {
                    dark++;
                }
            }
        }
        int n = w * h;
        double mean = sum / n;
        double stddev = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        List<String> flags = new ArrayList<>();
        if (stddev > FLAT_STDDEV && laplacianVariance(grey, w, h) < BLUR_VARIANCE) {
            flags.add(BLURRY);
        }
        if (!hasText && mean > 200 && (double) bright / n > 0.4) {
            flags.add(OVEREXPOSED);
        }
        if (mean < 45 && (double) dark / n > 0.5) {
            flags.add(UNDEREXPOSED);
        }
        if ((long) normalized.originalWidth() * normalized.originalHeight() < LOW_RESOLUTION_PIXELS) {
            flags.add(LOW_RESOLUTION);
        }
        return List.copyOf(flags);
    }

    static double laplacianVariance(float[] g, int w, int h) {
        if (w < 3 || h < 3) {
            return 0;
        }
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double lap = g[i - 1] + g[i + 1] + g[i - w] + g[i + w] - 4 * g[i];
                sum += lap;
                sumSq += lap * lap;
                n++;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }
}
