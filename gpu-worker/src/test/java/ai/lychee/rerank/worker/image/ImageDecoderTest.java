package ai.lychee.rerank.worker.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(40_000_000, 512, 960);

    @ParameterizedTest
    @ValueSource(strings = {"jpg", "png", "gif", "bmp"})
    void decodesEveryAcceptedFormatToSrgbWithinTheLongestSide(String format) {
        BufferedImage src = TestImages.solid(1200, 600, new Color(255, 190, 205));
        NormalizedImage img = decoder.decode(TestImages.encode(src, format));
        assertThat(img.image().getWidth()).isEqualTo(512);
        assertThat(img.image().getHeight()).isEqualTo(256);
        assertThat(img.detail().getWidth()).isEqualTo(960);
        assertThat(img.originalWidth()).isEqualTo(1200);
        int rgb = img.image().getRGB(100, 100);
        assertThat(rgb >> 16 & 0xFF).isBetween(245, 255);
        assertThat(rgb >> 8 & 0xFF).isBetween(180, 200);
    }

    @Test
    void decodesWebp() throws IOException {
        // made with cwebp (Debian package webp) from a 320x200 light pink image with a black block
        try (InputStream in = getClass().getResourceAsStream("/images/pink-block.webp")) {
            NormalizedImage img = decoder.decode(in.readAllBytes());
            assertThat(img.format()).isEqualTo("webp");
            assertThat(img.originalWidth()).isEqualTo(320);
            assertThat(img.originalHeight()).isEqualTo(200);
            int rgb = img.image().getRGB(5, 5);
            assertThat(rgb >> 16 & 0xFF).isGreaterThan(240);
            assertThat(rgb & 0xFF).isBetween(185, 225);
        }
    }

    @Test
    void decodesAPhotoFromTheEvalSet() {
        NormalizedImage img = decoder.decode(TestImages.read(TestImages.photo("1056338697_4f7d7ce270.jpg")));
        assertThat(Math.max(img.image().getWidth(), img.image().getHeight()))
                .isEqualTo(Math.min(512, Math.max(img.originalWidth(), img.originalHeight())));
        assertThat(img.format()).isEqualTo("jpeg");
    }

    @Test
    void refusesADecompressionBombFromItsHeader() {
        byte[] bomb = pngHeaderOnly(20000, 20000);
        assertThatThrownBy(() -> decoder.decode(bomb))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("20000x20000");
    }

    @Test
    void refusesTextAndSvgAsUnsupported() {
        byte[] text = "hello, this is not a picture".getBytes(StandardCharsets.UTF_8);
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>".getBytes(StandardCharsets.UTF_8);
        for (byte[] bytes : new byte[][] {text, svg}) {
            assertThatThrownBy(() -> decoder.decode(bytes))
                    .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.status()).isEqualTo(415));
        }
    }

    @Test
    void refusesTruncatedAndCorruptImages() {
        byte[] jpeg = TestImages.read(TestImages.photo("1056338697_4f7d7ce270.jpg"));
        byte[] png = TestImages.encode(TestImages.text(400, 200, 30, "hello"), "png");
        byte[] corrupt = png.clone();
        Arrays.fill(corrupt, 60, corrupt.length, (byte) 7);
        for (byte[] bytes : new byte[][] {Arrays.copyOf(jpeg, jpeg.length / 2), Arrays.copyOf(png, png.length / 2), corrupt}) {
            assertThatThrownBy(() -> decoder.decode(bytes))
                    .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }

    @Test
    void turnsAnExifRotatedJpegUpright() throws IOException {
        // A 200x100 JPEG (red left half) that says "rotate 90 degrees clockwise to view" (orientation 6).
        BufferedImage src = TestImages.solid(200, 100, Color.WHITE);
        java.awt.Graphics2D g = src.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100);
        g.dispose();
        byte[] jpeg = withOrientation(TestImages.encode(src, "jpg"), 6);
        NormalizedImage img = decoder.decode(jpeg);
        assertThat(img.image().getWidth()).isEqualTo(100);
        assertThat(img.image().getHeight()).isEqualTo(200);
        assertThat(img.originalWidth()).isEqualTo(100);
        int top = img.image().getRGB(50, 20);
        int bottom = img.image().getRGB(50, 180);
        assertThat(top >> 16 & 0xFF).isGreaterThan(200);
        assertThat(top & 0xFF).isLessThan(60); // red on top after turning clockwise
        assertThat(bottom & 0xFF).isGreaterThan(200); // white below
    }

    /** A PNG that is only a signature and an IHDR claiming the given size: decoding it fully would need 1.6 GB. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        byte[] ihdr = new byte[17];
        System.arraycopy("IHDR".getBytes(StandardCharsets.US_ASCII), 0, ihdr, 0, 4);
        putInt(ihdr, 4, width);
        putInt(ihdr, 8, height);
        ihdr[12] = 8; // bit depth
        ihdr[13] = 2; // RGB
        byte[] len = new byte[4];
        putInt(len, 0, 13);
        out.writeBytes(len);
        out.writeBytes(ihdr);
        CRC32 crc = new CRC32();
        crc.update(ihdr);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
        return out.toByteArray();
    }

    /** Inserts a minimal big-endian EXIF APP1 segment with one orientation entry after the SOI marker. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0};
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

}
