package ai.lychee.rerank.worker.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns encoded bytes into a {@link NormalizedImage}: JPEG, PNG, WebP, GIF (first frame) and BMP; the size is
 * read from the header before any pixel is decoded so a decompression bomb costs nothing; EXIF orientation and
 * ICC colour spaces are applied; the result is sRGB, longest side bounded.
 */
public final class ImageDecoder {
    private static final Set<String> ACCEPTED = Set.of("jpeg", "png", "webp", "gif", "bmp");

    static {
        ImageIO.scanForPlugins(); // TwelveMonkeys WebP and JPEG readers, also when loaded by a Quarkus class loader
        ImageIO.setUseCache(false); // decode in memory, no temp files
    }

    private final long maxPixels;
    private final int maxSide;
    private final int detailSide;

    public ImageDecoder(long maxPixels, int maxSide, int detailSide) {
        this.maxPixels = maxPixels;
        this.maxSide = maxSide;
        this.detailSide = Math.max(maxSide, detailSide);
    }

    public NormalizedImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejectedException(422, "the image is empty");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in);
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new ImageRejectedException(422, "the image header gives no size");
                }
                if ((long) width * height > maxPixels) {
                    throw new ImageRejectedException(413, "the image has " + width + "x" + height
                            + " pixels, more than the " + maxPixels + " accepted");
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                ImageReadParam param = reader.getDefaultReadParam();
                // A photo many times larger than needed is read with subsampling: less memory, same result.
                int step = Math.max(1, Math.max(width, height) / (detailSide * 2));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage raw = reader.read(0, param);
                if (warnings.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).contains("premature end"))) {
                    throw new ImageRejectedException(422, "the " + format + " image is truncated");
                }
                BufferedImage upright = ExifOrientation.apply(toSrgb(raw), "jpeg".equals(format)
                        ? ExifOrientation.read(bytes) : 1);
                boolean swapped = upright.getWidth() != raw.getWidth();
                BufferedImage detail = fit(upright, detailSide);
                return new NormalizedImage(fit(detail, maxSide), detail,
                        swapped ? height : width, swapped ? width : height, format);
            } finally {
                reader.dispose();
            }
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(422, "the image could not be decoded: " + describe(e), e);
        }
    }

    private static ImageReader readerFor(ImageInputStream in) {
        if (in == null) {
            throw new ImageRejectedException(422, "the image could not be read");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try {
                if (ACCEPTED.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                    return reader;
                }
            } catch (IOException e) {
                // fall through to the next reader
            }
            reader.dispose();
        }
        throw new ImageRejectedException(415, "not an image of an accepted type (JPEG, PNG, WebP, GIF, BMP)");
    }

    /** Any colour model (ICC profile, grey, indexed, alpha) to plain sRGB RGB; transparency over white. */
    private static BufferedImage toSrgb(BufferedImage src) {
        BufferedImage img = src;
        ColorSpace cs = src.getColorModel().getColorSpace();
        if (!cs.isCS_sRGB() && cs.getType() != ColorSpace.TYPE_GRAY && src.getColorModel().getNumColorComponents() == 3) {
            BufferedImage converted = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
            new ColorConvertOp(cs, ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(src, converted);
            img = converted;
        }
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Scales down so the longest side is at most {@code side}, halving first so no detail aliases away. */
    static BufferedImage fit(BufferedImage src, int side) {
        int w = src.getWidth();
        int h = src.getHeight();
        if (Math.max(w, h) <= side) {
            return src;
        }
        double scale = (double) side / Math.max(w, h);
        int targetW = Math.max(1, (int) Math.round(w * scale));
        int targetH = Math.max(1, (int) Math.round(h * scale));
        BufferedImage img = src;
        while (img.getWidth() / 2 >= targetW && img.getHeight() / 2 >= targetH) {
            img = resize(img, img.getWidth() / 2, img.getHeight() / 2);
        }
        return resize(img, targetW, targetH);
    }

    static BufferedImage resize(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
