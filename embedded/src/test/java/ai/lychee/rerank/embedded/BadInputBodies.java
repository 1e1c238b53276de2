package ai.lychee.rerank.embedded;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Bodies of the bad-input corpus too large or too binary to keep in a JSON line, made by name
 * ({@code "generator"} in {@code bad-inputs/corpus.jsonl}).
 */
final class BadInputBodies {

    private BadInputBodies() {
    }

    /** A body as bytes, or as a stream of unknown length (sent chunked). */
    record Body(byte[] bytes, InputStream stream) {
    }

    static Body generate(String name) {
        return switch (name) {
            case "small-valid-body" -> bytes("{\"query\": \"q\", \"documents\": [\"a\"]}");
            case "nested-arrays-100k" -> bytes("[".repeat(100_000) + "]".repeat(100_000));
            case "nested-arrays-100k-in-ignored-field" ->
                    bytes("{\"query\": \"q\", \"documents\": [\"a\"], \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
            case "nested-objects-100k-in-query" ->
                    bytes("{\"query\": " + "{\"text\": ".repeat(100_000) + "1" + "}".repeat(100_000) + ", \"documents\": [\"a\"]}");
            case "invalid-utf8-middle-byte" -> withBytesInQuery(new byte[] {(byte) 0xC3, 0x28});
            case "invalid-utf8-start-byte" -> withBytesInQuery(new byte[] {(byte) 0xFF, (byte) 0xFE});
            case "invalid-utf8-truncated" -> withBytesInQuery(new byte[] {(byte) 0xE4, (byte) 0xB8});
            case "top-n-1200-digits" -> bytes("{\"query\": \"q\", \"documents\": [\"a\"], \"top_n\": " + "9".repeat(1200) + "}");
            case "ten-thousand-documents" -> {
                StringBuilder json = new StringBuilder("{\"query\": \"q\", \"documents\": [");
                for (int i = 0; i < 10_000; i++) {
                    json.append(i == 0 ? "" : ", ").append("\"document number ").append(i).append('"');
                }
                yield bytes(json.append("]}").toString());
            }
            case "query-15-million-chars" ->
                    bytes("{\"query\": \"" + "q".repeat(15_000_000) + "\", \"documents\": [\"a\"]}");
            case "document-20001-chars" ->
                    bytes("{\"query\": \"q\", \"documents\": [\"a\", \"" + "d".repeat(20_001) + "\"]}");
            case "instruction-30000-chars" ->
                    bytes("{\"query\": \"q\", \"documents\": [\"a\"], \"instruction\": \"" + "i".repeat(30_000) + "\"}");
            case "field-name-60000-chars" -> bytes("{\"" + "f".repeat(60_000) + "\": 1, \"query\": \"q\", \"documents\": [\"a\"]}");
            case "body-25mb" -> new Body(padded(25 << 20), null);
            case "body-25mb-chunked" -> new Body(null, new java.io.ByteArrayInputStream(padded(25 << 20)));
            case "base64-11mb" -> withImage(Base64.getEncoder().encodeToString(new byte[11 << 20]));
            case "truncated-jpeg" -> {
                byte[] jpeg = image("jpeg", 64, 64);
                yield withImage(Base64.getEncoder().encodeToString(Arrays.copyOf(jpeg, jpeg.length / 2)));
            }
            case "corrupt-png-header" -> {
                byte[] png = image("png", 8, 8);
                for (int i = 12; i < 33; i++) {
                    png[i] = (byte) 0xEE; // the IHDR chunk, signature kept
                }
                yield withImage(Base64.getEncoder().encodeToString(png));
            }
            case "png-bomb-20000" -> withImage(Base64.getEncoder().encodeToString(pngHeaderOnly(20_000, 20_000)));
            default -> throw new IllegalArgumentException("no body generator named " + name);
        };
    }

    private static Body bytes(String text) {
        return new Body(text.getBytes(StandardCharsets.UTF_8), null);
    }

    private static Body withBytesInQuery(byte[] bad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"query\": \"q".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes("\", \"documents\": [\"a\"]}".getBytes(StandardCharsets.UTF_8));
        return new Body(out.toByteArray(), null);
    }

    /** An image-only second document: the first is fine text, so the fault is at documents[1]. */
    private static Body withImage(String base64) {
        return bytes("{\"query\": \"q\", \"documents\": [\"fine text\", {\"image_base64\": \"" + base64 + "\"}]}");
    }

    /** A valid request followed by spaces up to {@code size} bytes: only its size is wrong. */
    private static byte[] padded(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        byte[] request = "{\"query\": \"q\", \"documents\": [\"a\"]}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(request, 0, body, 0, request.length);
        return body;
    }

    private static byte[] image(String format, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | 128);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG whose header promises width x height pixels (a decompression bomb's shape) and holds no pixel data. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
