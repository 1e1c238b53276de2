package ai.lychee.rerank.worker.mm;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Qwen2-VL's image processor in Java: RGB, smart resize to multiples of 28 within the pixel budget
 * (bicubic as PIL does it), rescale and CLIP normalize, repeat the frame to the temporal patch size,
 * and cut into patches ordered by merge unit.
 */
public final class ImageProcessor {

    private final PreprocessorConfig config;

    public ImageProcessor(PreprocessorConfig config) {
        this.config = config;
    }

    public PreprocessorConfig config() {
        return config;
    }

    /** Decodes image bytes; throws IllegalArgumentException when they are not an image ImageIO can read. */
    public ProcessedImage process(byte[] bytes) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("image does not decode: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("image is not in a format we can decode (PNG, JPEG, GIF, BMP)");
        }
        return process(image);
    }

    public ProcessedImage process(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] size = smartResize(height, width, config.factor(), config.minPixels(), config.maxPixels());
        int[][] rgb = toRgbPlanes(image);
        if (size[0] != height || size[1] != width) {
            rgb = PilBicubic.resize(rgb, width, height, size[1], size[0]);
        }
        return patchify(rgb, size[0], size[1]);
    }

    /**
     * The target (height, width): each a multiple of {@code factor}, the area within [min, max] pixels,
     * the aspect ratio kept as closely as the rounding allows. Mirrors the reference's rounding
     * (Python round, half to even).
     */
    public static int[] smartResize(int height, int width, int factor, long minPixels, long maxPixels) {
        if (height < factor || width < factor) {
            throw new IllegalArgumentException("image is " + width + "x" + height + "; each side must be at least "
                    + factor + " pixels");
        }
        if (Math.max(height, width) / (double) Math.min(height, width) > 200) {
            throw new IllegalArgumentException("image is " + width + "x" + height
                    + "; the aspect ratio must be below 200");
        }
        long hBar = Math.round(Math.rint(height / (double) factor)) * factor;
        long wBar = Math.round(Math.rint(width / (double) factor)) * factor;
        if (hBar * wBar > maxPixels) {
            double beta = Math.sqrt((double) height * width / maxPixels);
            hBar = Math.max(factor, (long) Math.floor(height / beta / factor) * factor);
            wBar = Math.max(factor, (long) Math.floor(width / beta / factor) * factor);
        } else if (hBar * wBar < minPixels) {
            double beta = Math.sqrt(minPixels / ((double) height * width));
            hBar = (long) Math.ceil(height * beta / factor) * factor;
            wBar = (long) Math.ceil(width * beta / factor) * factor;
        }
        return new int[] {(int) hBar, (int) wBar};
    }

    private static int[][] toRgbPlanes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int[][] planes = new int[3][w * h];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int r = (p >> 16) & 0xff; // alpha, if any, is dropped as PIL's convert("RGB") does
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            planes[0][i] = r;
            planes[1][i] = g;
            planes[2][i] = b;
        }
        return planes;
    }

    /** Rescale, normalize, repeat over time and order patches by merge unit, as the reference's transpose does. */
    ProcessedImage patchify(int[][] rgb, int height, int width) {
        int p = config.patchSize();
        int m = config.mergeSize();
        int tp = config.temporalPatchSize();
        int gridH = height / p;
        int gridW = width / p;
        int rowLength = 3 * tp * p * p;
        float[][] norm = new float[3][];
        for (int c = 0; c < 3; c++) {
            norm[c] = new float[height * width];
            double mean = config.mean()[c];
            double std = config.std()[c];
            for (int i = 0; i < norm[c].length; i++) {
                float scaled = (float) (rgb[c][i] * (1 / 255.0));
                norm[c][i] = (float) ((scaled - (float) mean) / (float) std);
            }
        }
        float[] out = new float[gridH * gridW * rowLength];
        int row = 0;
        for (int bh = 0; bh < gridH / m; bh++) {
            for (int bw = 0; bw < gridW / m; bw++) {
                for (int mh = 0; mh < m; mh++) {
                    for (int mw = 0; mw < m; mw++) {
                        int y0 = (bh * m + mh) * p;
                        int x0 = (bw * m + mw) * p;
                        int col = row * rowLength;
                        for (int c = 0; c < 3; c++) {
                            for (int t = 0; t < tp; t++) {
                                for (int py = 0; py < p; py++) {
                                    System.arraycopy(norm[c], (y0 + py) * width + x0, out, col, p);
                                    col += p;
                                }
                            }
                        }
                        row++;
                    }
                }
            }
        }
        return new ProcessedImage(out, 1, gridH, gridW);
    }
}
