package ai.lychee.rerank.worker.mm.bench;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.worker.ScoringPair;
import ai.lychee.rerank.worker.mm.MmConfig;
import ai.lychee.rerank.worker.mm.MmReranker;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code lychee mm-bench}: a full-size dry run of lychee-rerank-mm without the real weights. Writes a random
 * checkpoint with the exact 3B or 7B layout (optionally fewer layers), loads it through the worker's own loader, and
 * scores an image query against N text documents and a text query against N documents with images, each with the
 * shared plan and pair by pair on the same loaded model. Prints load time and memory, per-stage times, FLOPs per
 * request and what those FLOPs take on an A10; ends with one {@code name: value} line per figure. Figures, not a test.
 */
public final class MmBench {

    /** An A10's dense bf16/fp16 tensor-core peak, and the share of it a well-fed forward pass sustains. */
    static final double A10_PEAK_FLOPS = 125e12;
    static final double A10_UTILISATION = 0.40;

    private final PrintStream out;
    private final Map<String, String> figures = new LinkedHashMap<>();

    public MmBench(PrintStream out) {
        this.out = out;
    }

    /** Options: --config 3b|7b, --layers N, --docs N, --dir DIR, --device, --dtype, --image WxH, --rounds N, --load-only. */
    public int run(Map<String, String> options) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        QwenVlLayout full = QwenVlLayout.of(options.getOrDefault("config", "7b"));
        QwenVlLayout layout = options.containsKey("layers") ? full.withLayers(Integer.parseInt(options.get("layers"))) : full;
        int docs = Integer.parseInt(options.getOrDefault("docs", "20"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
        int[] imageSize = size(options.getOrDefault("image", "448x448"));
        Path dir = Path.of(options.getOrDefault("dir", Path.of(System.getProperty("user.home"), ".cache", "lychee",
                "mm-bench", layout.name() + (layout.fullDepth() ? "" : "-l" + layout.layers())).toString()));

        out.printf(Locale.ROOT, "lychee mm-bench: %s layout (hidden %d, vocabulary %d, %s head), %d of %d decoder layers,"
                        + " %d of %d vision blocks, %.2fB parameters%n", layout.name(), layout.hidden(), layout.vocab(),
                layout.tied() ? "tied" : "untied", layout.layers(), layout.realLayers(), layout.visionDepth(),
                layout.realVisionDepth(), layout.parameters() / 1e9);
        if (!RandomCheckpoint.present(dir, layout)) {
            long start = System.nanoTime();
            out.printf("writing the random checkpoint to %s ...%n", dir);
            RandomCheckpoint.write(layout, dir, 12);
            out.printf(Locale.ROOT, "written in %.1f s%n", seconds(System.nanoTime() - start));
        } else {
            RandomCheckpoint.writeSmallFiles(layout, dir);
        }
        long onDisk;
        try (var files = Files.list(dir)) {
            onDisk = files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).mapToLong(f -> f.toFile().length()).sum();
        }
        out.printf(Locale.ROOT, "checkpoint: %s, %.2f GB of bf16 safetensors%n", dir, onDisk / 1e9);

        MmConfig config = config(dir, options);
        long rssBefore = MemoryFigures.rssBytes();
        long start = System.nanoTime();
        try (MmReranker reranker = MmReranker.load(config)) {
            double loadSeconds = seconds(System.nanoTime() - start);
            long peak = MemoryFigures.peakRssBytes();
            long rss = MemoryFigures.rssBytes();
            long heap = MemoryFigures.heapUsedBytes();
            out.printf(Locale.ROOT, "loaded on %s as %s in %.1f s: host RSS %.2f GiB (peak %.2f GiB, %.2f GiB before),"
                            + " Java heap %.0f MiB%n", reranker.model().device(), reranker.model().dtype(), loadSeconds,
                    gib(rss), gib(peak), gib(rssBefore), heap / 1048576.0);
            figure("load-s", loadSeconds, "%.1f");
            figure("load-peak-rss-gib", gib(peak), "%.2f");
            figure("load-rss-gib", gib(rss), "%.2f");
            figure("load-heap-mib", heap / 1048576.0, "%.0f");
            figure("parameters-b", layout.parameters() / 1e9, "%.3f");
            if (!options.containsKey("load-only")) {
                requests(reranker, layout, full, docs, rounds, imageSize);
                out.printf(Locale.ROOT, "host RSS peak over the whole run: %.2f GiB%n", gib(MemoryFigures.peakRssBytes()));
                figure("run-peak-rss-gib", gib(MemoryFigures.peakRssBytes()), "%.2f");
            }
        }
        out.println();
        figures.forEach((name, value) -> out.println(name + ": " + value));
        return 0;
    }

    private void requests(MmReranker reranker, QwenVlLayout layout, QwenVlLayout full, int docs, int rounds,
                          int[] imageSize) throws IOException {
        String instruction = "Given a shopper's photo or question, find the product whose description or photo matches it.";
        List<ScoringPair> imageQuery = new ArrayList<>();
        List<ScoringPair> textQuery = new ArrayList<>();
        Content photoQuery = new Content("Do you have these in red?", png(imageSize, 1000), null);
        for (int i = 0; i < docs; i++) {
            String text = "Item " + i + ": running shoe, breathable mesh upper, " + COLOURS[i % COLOURS.length] + ", white sole.";
            imageQuery.add(new ScoringPair(instruction, photoQuery, Content.text(text)));
            textQuery.add(new ScoringPair(instruction, Content.text("red running shoes with white soles"),
                    new Content(text, png(imageSize, i), null)));
        }
        // warm-up: kernels, allocator, JIT; two documents of each kind, both plans
        for (MmReranker.Plan plan : MmReranker.Plan.values()) {
            reranker.plan(plan);
            reranker.score(imageQuery.subList(0, Math.min(2, docs)));
            reranker.score(textQuery.subList(0, Math.min(2, docs)));
            reranker.visionCache().clear();
        }
        out.printf(Locale.ROOT, "%nrequest                   plan           total_s  preprocess_s  vision_s  prefix_s  documents_s"
                + "  GFLOP_run  TFLOP_full_depth%n");
        double imageRatio = compare("image query, " + docs + " text docs", "image-query", imageQuery, reranker, layout, full, rounds);
        double textRatio = compare("text query, " + docs + " image docs", "text-query", textQuery, reranker, layout, full, rounds);
        figures.put("image-query shared/pair-by-pair", String.format(Locale.ROOT, "%.3f", imageRatio));
        figures.put("text-query shared/pair-by-pair", String.format(Locale.ROOT, "%.3f", textRatio));
    }

    /** Runs both plans on the same request (alternating, cache cleared each time); returns the shared/pair time ratio. */
    private double compare(String label, String key, List<ScoringPair> pairs, MmReranker reranker, QwenVlLayout layout,
                           QwenVlLayout full, int rounds) {
        Map<MmReranker.Plan, double[]> totals = new HashMap<>();
        Map<MmReranker.Plan, List<Double>> scores = new HashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (MmReranker.Plan plan : MmReranker.Plan.values()) {
                reranker.plan(plan);
                reranker.visionCache().clear();
                List<Double> s = reranker.score(pairs);
                MmReranker.Timings t = reranker.lastTimings();
                totals.computeIfAbsent(plan, p -> new double[rounds])[r] = seconds(t.totalNanos());
                scores.put(plan, s);
                double runFlops = RequestFlops.of(layout, reranker.lastWork());
                double fullFlops = RequestFlops.of(full, reranker.lastWork());
                out.printf(Locale.ROOT, "%-25s %-13s %8.2f  %12.2f  %8.2f  %8.2f  %11.2f  %9.1f  %16.2f%n", label,
                        plan.name().toLowerCase(Locale.ROOT).replace('_', '-'), seconds(t.totalNanos()),
                        seconds(t.preprocessNanos()), seconds(t.visionNanos()), seconds(t.prefixNanos()),
                        seconds(t.documentsNanos()), runFlops / 1e9, fullFlops / 1e12);
                long tokens = reranker.lastWork().passes().stream().mapToLong(x -> (long) x.rows() * x.tokens()).sum();
                out.printf(Locale.ROOT, "%-25s   %d decoder tokens (padded) in %d passes, %d images through the vision tower%n",
                        "", tokens, reranker.lastWork().passes().size(), reranker.lastWork().imagePatches().size());
                String p = plan == MmReranker.Plan.SHARED ? "shared" : "pair-by-pair";
                figures.put(key + "-" + p + "-tflop-full-depth", String.format(Locale.ROOT, "%.2f", fullFlops / 1e12));
                double a10 = fullFlops / (A10_PEAK_FLOPS * A10_UTILISATION);
                figures.put(key + "-" + p + "-a10-estimate-s", String.format(Locale.ROOT, "%.3f", a10));
                if (key.equals("text-query") && plan == MmReranker.Plan.SHARED) {
                    figures.put("a10-estimate-" + pairs.size() + "-image-docs-s", String.format(Locale.ROOT, "%.3f", a10));
                }
            }
        }
        double worst = 0;
        List<Double> a = scores.get(MmReranker.Plan.SHARED);
        List<Double> b = scores.get(MmReranker.Plan.PAIR_BY_PAIR);
        for (int i = 0; i < a.size(); i++) {
            worst = Math.max(worst, Math.abs(a.get(i) - b.get(i)));
        }
        double shared = median(totals.get(MmReranker.Plan.SHARED));
        double pairwise = median(totals.get(MmReranker.Plan.PAIR_BY_PAIR));
        out.printf(Locale.ROOT, "%-25s shared/pair-by-pair time %.3f; scores differ by at most %.2e%n", label,
                shared / pairwise, worst);
        figures.put(key + "-shared-s", String.format(Locale.ROOT, "%.2f", shared));
        figures.put(key + "-pair-by-pair-s", String.format(Locale.ROOT, "%.2f", pairwise));
        figures.put(key + "-max-score-difference", String.format(Locale.ROOT, "%.2e", worst));
        return shared / pairwise;
    }

    private MmConfig config(Path dir, Map<String, String> options) {
        Map<String, String> props = new HashMap<>();
        props.put("lychee.worker.mm.model-dir", dir.toString());
        props.put("lychee.worker.mm.device", options.getOrDefault("device", "auto"));
        props.put("lychee.worker.mm.dtype", options.getOrDefault("dtype", "auto"));
        props.put("lychee.worker.mm.max-batch", options.getOrDefault("max-batch", "8"));
        return new SmallRyeConfigBuilder().withMapping(MmConfig.class)
                .withSources(new PropertiesConfigSource(props, "mm-bench", 500)).build().getConfigMapping(MmConfig.class);
    }

    private static final String[] COLOURS = {"red", "blue", "black", "white", "green", "grey", "orange", "navy"};

    /** A distinct synthetic photo: stripes and a block whose colours and positions follow the seed. */
    static byte[] png(int[] size, int seed) throws IOException {
        BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < size[1]; y += 16) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillRect(0, y, size[0], 16);
        }
        g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
        g.fillOval(random.nextInt(size[0] / 2), random.nextInt(size[1] / 2), size[0] / 2, size[1] / 2);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static int[] size(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--image must be WIDTHxHEIGHT, not " + text);
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private void figure(String name, double value, String format) {
        figures.put(name, String.format(Locale.ROOT, format, value));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
