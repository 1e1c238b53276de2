package ai.lychee.rerank.worker.image;

import java.awt.image.BufferedImage;

/**
 * An image decoded, turned upright and into sRGB: {@code image} with its longest side at most the configured
 * size (what colours, quality, labelers and similarity look at), {@code detail} at most the OCR size.
 * The original size is kept for the low-resolution check.
 */
public record NormalizedImage(BufferedImage image, BufferedImage detail, int originalWidth, int originalHeight,
                              String format) {
}
