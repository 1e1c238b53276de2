package ai.lychee.rerank.worker.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Names the dominant colours of an image in Chinese and English: each pixel of a small copy goes to the nearest
 * named colour in CIELAB, and the names that cover enough of the picture are reported, largest first.
 */
public final class ColourNamer {

    /** A named colour and the share of the image it covers. */
    public record DominantColour(String en, String zh, double share) {
    }

    private record Named(String en, String zh, double[] lab) {
        Named(String en, String zh, int r, int g, int b) {
            this(en, zh, ColourNamer.lab(r, g, b));
        }
    }

    private static final List<Named> PALETTE = List.of(
            new Named("black", "黑色", 15, 15, 15),
            new Named("dark grey", "深灰色", 75, 75, 75),
            new Named("grey", "灰色", 128, 128, 128),
            new Named("light grey", "浅灰色", 195, 195, 195),
            new Named("white", "白色", 248, 248, 248),
            new Named("red", "红色", 210, 30, 35),
            new Named("dark red", "深红色", 120, 15, 25),
            new Named("pink", "粉色", 235, 110, 165),
            new Named("light pink", "浅粉色", 255, 190, 205),
            new Named("orange", "橙色", 245, 140, 25),
            new Named("brown", "棕色", 120, 75, 40),
            new Named("beige", "米色", 225, 205, 165),
            new Named("yellow", "黄色", 245, 220, 30),
            new Named("light yellow", "浅黄色", 250, 240, 160),
            new Named("green", "绿色", 45, 160, 55),
            new Named("dark green", "深绿色", 25, 80, 35),
            new Named("light green", "浅绿色", 150, 220, 140),
            new Named("cyan", "青色", 0, 190, 200),
            new Named("sky blue", "天蓝色", 135, 200, 240),
            new Named("blue", "蓝色", 35, 85, 215),
            new Named("dark blue", "深蓝色", 15, 30, 100),
            new Named("purple", "紫色", 130, 50, 165),
            new Named("light purple", "淡紫色", 200, 165, 225));

    private static final int SAMPLE_SIDE = 64;
    private static final double MIN_SHARE = 0.12;
    private static final int MAX_COLOURS = 3;

    public List<DominantColour> dominant(BufferedImage image) {
        BufferedImage small = ImageDecoder.fit(image, SAMPLE_SIDE);
        int[] counts = new int[PALETTE.size()];
        int total = small.getWidth() * small.getHeight();
        for (int y = 0; y < small.getHeight(); y++) {
            for (int x = 0; x < small.getWidth(); x++) {
                int rgb = small.getRGB(x, y);
                counts[nearest(lab(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF))]++;
            }
        }
        List<DominantColour> found = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            double share = (double) counts[i] / total;
            if (share >= MIN_SHARE) {
                found.add(new DominantColour(PALETTE.get(i).en(), PALETTE.get(i).zh(), share));
            }
        }
        found.sort(Comparator.comparingDouble(DominantColour::share).reversed());
        return found.size() > MAX_COLOURS ? List.copyOf(found.subList(0, MAX_COLOURS)) : List.copyOf(found);
    }

    private static int nearest(double[] lab) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < PALETTE.size(); i++) {
            double[] p = PALETTE.get(i).lab();
            double d = sq(lab[0] - p[0]) + sq(lab[1] - p[1]) + sq(lab[2] - p[2]);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** sRGB (D65) to CIELAB. */
    static double[] lab(int r, int g, int b) {
        double rl = linear(r);
        double gl = linear(g);
        double bl = linear(b);
        double x = (0.4124 * rl + 0.3576 * gl + 0.1805 * bl) / 0.95047;
        double y = 0.2126 * rl + 0.7152 * gl + 0.0722 * bl;
        double z = (0.0193 * rl + 0.1192 * gl + 0.9505 * bl) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double linear(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }

    private static double sq(double v) {
        return v * v;
    }
}
