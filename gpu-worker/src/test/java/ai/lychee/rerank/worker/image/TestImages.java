package ai.lychee.rerank.worker.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Images the tests make: rendered text (a CJK font from Debian), solid colours, blur. */
public final class TestImages {
    private TestImages() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("lychee.shared.dir", "../../shared"));
    }

    static Path photo(String name) {
        return shared().resolve("eval/image/flickr8k-cn/images").resolve(name);
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Dark text lines on white, in a font that has both Chinese and Latin glyphs. */
    public static BufferedImage text(int width, int height, int size, String... lines) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(20, 20, 20));
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(cjkFont(size));
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], size / 2, (int) (size * 1.6 * (i + 1)));
        }
        g.dispose();
        return img;
    }

    /** A font with Chinese and Latin glyphs: WenQuanYi Zen Hei or Noto Sans CJK (scripts/install-test-deps.sh). */
    public static Font cjkFont(int size) {
        java.util.List<String> installed = java.util.List.of(
                java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String family : new String[] {"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC"}) {
            Font font = new Font(family, Font.PLAIN, size);
            if (installed.contains(family) && font.canDisplay('中')) {
                return font;
            }
        }
        throw new IllegalStateException("no CJK font installed: run scripts/install-test-deps.sh");
    }

    static BufferedImage solid(int width, int height, Color colour) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /** A box blur of the given radius, applied twice (close to a Gaussian). */
    static BufferedImage blur(BufferedImage src, int radius) {
        int size = 2 * radius + 1;
        float[] k = new float[size * size];
        java.util.Arrays.fill(k, 1f / k.length);
        ConvolveOp op = new ConvolveOp(new Kernel(size, size, k), ConvolveOp.EDGE_NO_OP, null);
        return op.filter(op.filter(src, null), null);
    }

    public static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
