package ai.lychee.rerank.functions.lambda.events;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Images made in the test, as base64 PNG (the tests have no network for image URLs). */
final class TestImages {

    private TestImages() {
    }

    /** A product photo's stand-in: one colour filling the frame. */
    static String solid(Color colour) {
        BufferedImage image = new BufferedImage(320, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 320, 320);
        g.dispose();
        return png(image);
    }

    /** A screenshot: dark lines of text on white, as an agent's reply window shows them. */
    static String screenshot(String... lines) {
        BufferedImage image = new BufferedImage(900, 60 + 56 * lines.length, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(new Color(30, 30, 30));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 34));
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 30, 70 + 56 * i);
        }
        g.dispose();
        return png(image);
    }

    private static String png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
