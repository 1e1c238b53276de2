package ai.lychee.rerank.worker.image;

import ai.lychee.rerank.worker.image.OnnxModel.Tensor;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PP-OCRv4 text recognition (SVTR-LCNet with a CTC head): a line image scaled to height 48 gives, per time step,
 * probabilities over blank + the 6,623 characters of {@code ppocr_keys_v1.txt} + space; greedy CTC decoding keeps
 * the best class per step, drops repeats and blanks.
 */
final class TextLineReader {
    static final int HEIGHT = 48;
    private static final int MAX_WIDTH = 48 * 25;

    /** A recognized line and the mean probability of its characters. */
    record Line(String text, double confidence) {
    }

    private final OnnxModel model;
    private final List<String> characters;

    TextLineReader(OnnxModel model, List<String> characters) {
        this.model = model;
        this.characters = characters;
    }

    /** The character list: blank first, the dictionary, a space last, as the model's classes are laid out. */
    static List<String> loadCharacters(String resource) {
        List<String> chars = new ArrayList<>();
        chars.add("");
        try (InputStream in = TextLineReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource not on the class path: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                chars.add(line.replace("\r", ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chars.add(" ");
        return List.copyOf(chars);
    }

    Line read(BufferedImage crop) {
        int width = (int) Math.ceil(HEIGHT * (double) crop.getWidth() / crop.getHeight());
        width = Math.max(HEIGHT / 2, Math.min(MAX_WIDTH, width));
        BufferedImage scaled = ImageDecoder.resize(crop, width, HEIGHT);
        int plane = width * HEIGHT;
        float[] data = new float[3 * plane];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = scaled.getRGB(x, y);
                int i = y * width + x;
                data[i] = (rgb & 0xFF) / 127.5f - 1f; // blue, green, red planes scaled to [-1, 1]
                data[plane + i] = (rgb >> 8 & 0xFF) / 127.5f - 1f;
                data[2 * plane + i] = (rgb >> 16 & 0xFF) / 127.5f - 1f;
            }
        }
        Tensor out = model.run(new Tensor(data, 1, 3, HEIGHT, width));
        int steps = out.dim(1);
        int classes = out.dim(2);
        if (classes != characters.size()) {
            throw new IllegalStateException("recognizer has " + classes + " classes, dictionary " + characters.size());
        }
        float[] p = out.data();
        StringBuilder text = new StringBuilder();
        double confidence = 0;
        int emitted = 0;
        int previous = 0;
        for (int t = 0; t < steps; t++) {
            int best = 0;
            float bestP = -1;
            for (int c = 0; c < classes; c++) {
                float v = p[t * classes + c];
                if (v > bestP) {
                    bestP = v;
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                text.append(characters.get(best));
                confidence += bestP;
                emitted++;
            }
            previous = best;
        }
        return new Line(text.toString().trim(), emitted == 0 ? 0 : confidence / emitted);
    }
}
