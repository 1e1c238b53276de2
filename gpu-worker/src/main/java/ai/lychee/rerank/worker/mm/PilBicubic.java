package ai.lychee.rerank.worker.mm;

/**
 * Bicubic resampling the way PIL's {@code Image.resize(..., BICUBIC)} does it (the reference image
 * processor resizes through PIL): separable, a = -0.5, support widened when shrinking (antialias),
 * horizontal pass then vertical, each rounded back to 8 bits.
 */
final class PilBicubic {

    private PilBicubic() {
    }

    static int[][] resize(int[][] planes, int inW, int inH, int outW, int outH) {
        int[][] out = new int[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            int[] horizontal = inW == outW ? planes[c] : pass(planes[c], inW, inH, outW, true);
            out[c] = inH == outH ? horizontal : pass(horizontal, outW, inH, outH, false);
        }
        return out;
    }

    /** One 1-D pass; horizontal maps width inSize to outSize over {@code lines} rows, vertical maps heights. */
    private static int[] pass(int[] src, int width, int height, int outSize, boolean horizontal) {
        int inSize = horizontal ? width : height;
        int lines = horizontal ? height : width;
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = 2.0 * filterScale;
        int[] dst = new int[horizontal ? outSize * height : width * outSize];
        for (int o = 0; o < outSize; o++) {
            double center = (o + 0.5) * scale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize);
            double[] w = new double[xmax - xmin];
            double total = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = cubic((i + xmin - center + 0.5) / filterScale);
                total += w[i];
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = total == 0 ? 0 : w[i] / total;
            }
            for (int line = 0; line < lines; line++) {
                double acc = 0;
                for (int i = 0; i < w.length; i++) {
                    int idx = horizontal ? line * width + xmin + i : (xmin + i) * width + line;
                    acc += w[i] * src[idx];
                }
                int v = (int) Math.round(acc);
                v = Math.max(0, Math.min(255, v));
                dst[horizontal ? line * outSize + o : o * width + line] = v;
            }
        }
        return dst;
    }

    private static double cubic(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }
}
