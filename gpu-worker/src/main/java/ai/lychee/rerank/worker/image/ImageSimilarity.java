package ai.lychee.rerank.worker.image;

/**
 * How likely two images show the same picture, in [0, 1]: the same photo re-encoded or resized keeps its
 * difference hash; a crop keeps the hash of the matching window of the other, which is searched for over scales
 * and positions, both ways. Colour histograms and, when present, classifier vectors add weight.
 */
public final class ImageSimilarity {
    private static final double[] SCALES = {1.0, 0.9, 0.8, 0.7, 0.6, 0.5};
    private static final int POSITIONS = 5;

    public double similarity(ImageFingerprint a, ImageFingerprint b) {
        int distance = Math.min(Long.bitCount(a.hash() ^ b.hash()), Math.min(bestWindow(a, b), bestWindow(b, a)));
        // 0 differing bits: the same picture; about 32: unrelated pictures.
        double hash = clamp(1 - Math.max(0, distance - 4) / 22.0);
        double colour = clamp((intersection(a.histogram(), b.histogram()) - 0.4) / 0.6);
        if (a.features() != null && b.features() != null) {
            double content = clamp((dot(a.features(), b.features()) - 0.3) / 0.7);
            return clamp(0.7 * hash + 0.15 * colour + 0.15 * content);
        }
        return clamp(0.8 * hash + 0.2 * colour);
    }

    /** Fewest differing bits between {@code part}'s hash and any window of {@code whole} with part's aspect. */
    private static int bestWindow(ImageFingerprint whole, ImageFingerprint part) {
        double aspect = (double) part.thumbWidth() / part.thumbHeight();
        int best = 64;
        for (double scale : SCALES) {
            double ww = whole.thumbWidth() * scale;
            double wh = ww / aspect;
            if (wh > whole.thumbHeight()) {
                wh = whole.thumbHeight() * scale;
                ww = wh * aspect;
            }
            if (ww < 12 || wh < 12) {
                continue;
            }
            for (int py = 0; py < POSITIONS; py++) {
                for (int px = 0; px < POSITIONS; px++) {
                    double x0 = (whole.thumbWidth() - ww) * px / (POSITIONS - 1);
                    double y0 = (whole.thumbHeight() - wh) * py / (POSITIONS - 1);
                    long h = ImageFingerprint.dHash(whole.thumb(), whole.thumbWidth(), x0, y0, ww, wh);
                    best = Math.min(best, Long.bitCount(h ^ part.hash()));
                }
            }
        }
        return best;
    }

    private static double intersection(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.min(a[i], b[i]);
        }
        return s;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
