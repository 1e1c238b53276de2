package ai.lychee.rerank.worker.mm;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.worker.ScoringPair;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Benchmark for GPU machines: one query against 20 documents with images, printing per-stage times.
 *
 * <pre>
 * java -cp ... ai.lychee.rerank.worker.mm.MmBenchmark MODEL_DIR [device=auto] [dtype=auto] [rounds=5] [imageDir]
 * </pre>
 * Images come from imageDir (first 20 files) or are synthesized at 640x480.
 */
public final class MmBenchmark {

    private MmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MmBenchmark MODEL_DIR [device=auto] [dtype=auto] [rounds=5] [imageDir]");
            System.exit(2);
        }
        System.setProperty("ai.djl.offline", "true");
        Map<String, String> props = new HashMap<>();
        props.put("lychee.worker.mm.model-dir", args[0]);
        props.put("lychee.worker.mm.device", args.length > 1 ? args[1] : "auto");
        props.put("lychee.worker.mm.dtype", args.length > 2 ? args[2] : "auto");
        props.put("lychee.worker.mm.max-batch", "20");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        MmConfig config = new SmallRyeConfigBuilder().withMapping(MmConfig.class)
                .withSources(new PropertiesConfigSource(props, "benchmark", 500)).build().getConfigMapping(MmConfig.class);

        long loadStart = System.nanoTime();
        try (MmReranker reranker = MmReranker.load(config)) {
            System.out.printf("loaded %s on %s as %s in %.1f s%n", args[0], reranker.model().device(),
                    reranker.model().dtype(), (System.nanoTime() - loadStart) / 1e9);
            List<byte[]> images = images(args.length > 4 ? Path.of(args[4]) : null);
            List<ScoringPair> pairs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pairs.add(new ScoringPair("Given a product question, find the photo and description that answer it.",
                        Content.text("red running shoes with white soles"),
                        new Content("Item " + i + ": sports footwear, breathable mesh upper.", images.get(i), "img" + i)));
            }
            reranker.score(pairs); // warm-up: kernels, allocator
            System.out.println("round  preprocess_ms  vision_ms  decoder_ms  total_ms");
            double total = 0;
            for (int r = 1; r <= rounds; r++) {
                reranker.score(pairs);
                MmReranker.Timings t = reranker.lastTimings();
                total += t.totalNanos() / 1e6;
                System.out.printf("%5d  %13.1f  %9.1f  %10.1f  %8.1f%n", r, t.preprocessNanos() / 1e6,
                        t.visionNanos() / 1e6, t.decoderNanos() / 1e6, t.totalNanos() / 1e6);
            }
            System.out.printf("mean total for 20 documents: %.1f ms%n", total / rounds);
        }
    }

    private static List<byte[]> images(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().limit(20).toList()) {
                    out.add(Files.readAllBytes(f));
                }
            }
        }
        for (int i = out.size(); i < 20; i++) {
            BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 480; y++) {
                for (int x = 0; x < 640; x++) {
                    image.setRGB(x, y, ((x + i * 13) & 0xff) << 16 | ((y * 3) & 0xff) << 8 | ((x ^ y) & 0xff));
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            out.add(png.toByteArray());
        }
        return out;
    }
}
