package ai.lychee.rerank.worker.lite.calibration;

import ai.lychee.rerank.worker.Sha256;
import ai.lychee.rerank.worker.lite.BgeModel;
import ai.lychee.rerank.worker.lite.EvalTasks;
import ai.lychee.rerank.worker.lite.LiteConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The raw inputs of every judged pair of an evaluation set, embedded once and kept in a TSV file in a cache folder
 * (keyed by the digests of the set file and the model files, and the settings that change embeddings), so
 * cross-validation runs over them in memory and a second run embeds nothing.
 */
final class PairTable {

    /** Bumped whenever what a row holds, or how it is computed, changes. */
    private static final String FORMAT = "v1";
    private static final String HEADER =
            "task\tdoc\tgrade\tmodel\tcosine\tprefixedCosine\tbackground\ttermCoverage\tphraseCoverage";

    private PairTable() {
    }

    static LabelledSet load(Path tasksFile, Path cacheDir, LiteConfig config, PrintStream progress) throws IOException {
        byte[] bytes = Files.readAllBytes(tasksFile);
        // only text tasks: a query image or image-only documents have no cosine to calibrate
        EvalTasks tasks = new EvalTasks(EvalTasks.read(tasksFile, Integer.MAX_VALUE, 1).tasks().stream()
                .filter(t -> !t.query().isBlank() && !t.docs().isEmpty()).toList());
        String name = tasksFile.getFileName().toString().replaceFirst("\\.jsonl$", "");
        String key = Sha256.hex(bytes).substring(0, 16) + "-" + modelsDigest() + "-" + FORMAT + "-t" + config.maxTokens();
        Path cached = cacheDir.resolve(name + "-" + key + ".tsv");
        List<LabelledPair> pairs;
        if (Files.isRegularFile(cached)) {
            pairs = read(cached);
            progress.printf(Locale.ROOT, "%s: %d pairs from %s%n", name, pairs.size(), cached);
        } else {
            pairs = compute(name, tasks, config, progress);
            write(pairs, cached);
        }
        Map<String, List<LabelledPair>> byTask = new LinkedHashMap<>();
        for (LabelledPair p : pairs) {
            byTask.computeIfAbsent(p.task(), k -> new ArrayList<>()).add(p);
        }
        List<LabelledTask> out = new ArrayList<>();
        for (EvalTasks.Task t : tasks.tasks()) {
            List<LabelledPair> mine = byTask.get(t.id());
            if (mine != null) {
                out.add(new LabelledTask(t.id(), mine, idealGrades(t)));
            }
        }
        return new LabelledSet(name, out);
    }

    /** The bundled ONNX files' digest: a table embedded by other model files is never read back. */
    private static String modelsDigest() throws IOException {
        StringBuilder all = new StringBuilder();
        for (BgeModel m : BgeModel.values()) {
            try (InputStream in = PairTable.class.getClassLoader().getResourceAsStream(m.onnxResource())) {
                if (in == null) {
                    throw new IOException(m.onnxResource() + " is missing from the classpath");
                }
                all.append(Sha256.hex(in.readAllBytes()));
            }
        }
        return Sha256.hex(all.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    /** Every judgment of the task and a 0 per candidate, best first: what score.py ranks ideally. */
    private static int[] idealGrades(EvalTasks.Task t) {
        int[] grades = new int[t.qrels().size() + t.docs().size()];
        int i = 0;
        for (int g : t.qrels().values()) {
            grades[i++] = g;
        }
        Arrays.sort(grades);
        for (int a = 0, b = grades.length - 1; a < b; a++, b--) {
            int swap = grades[a];
            grades[a] = grades[b];
            grades[b] = swap;
        }
        return grades;
    }

    private static List<LabelledPair> compute(String name, EvalTasks tasks, LiteConfig config, PrintStream progress) {
        List<LabelledPair> pairs = new ArrayList<>();
        long start = System.nanoTime();
        int done = 0;
        try (PairInputExtractor extractor = new PairInputExtractor(config)) {
            for (EvalTasks.Task t : tasks.tasks()) {
                pairs.addAll(extractor.pairs(t));
                if (++done % 50 == 0 || done == tasks.tasks().size()) {
                    progress.printf(Locale.ROOT, "\r%s: embedding %d/%d tasks, %.0f s", name, done, tasks.tasks().size(),
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
        progress.println();
        return pairs;
    }

    private static void write(List<LabelledPair> pairs, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            for (LabelledPair p : pairs) {
                out.write(String.join("\t", p.task(), p.doc(), Integer.toString(p.grade()), p.model().key(),
                        Double.toString(p.cosine()), Double.toString(p.prefixedCosine()), Double.toString(p.background()),
                        Double.toString(p.termCoverage()), Double.toString(p.phraseCoverage())));
                out.newLine();
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<LabelledPair> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a pair table of this version: delete it");
        }
        List<LabelledPair> pairs = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            pairs.add(new LabelledPair(c[0], c[1], Integer.parseInt(c[2]), BgeModel.valueOf(c[3].toUpperCase(Locale.ROOT)),
                    Double.parseDouble(c[4]), Double.parseDouble(c[5]), Double.parseDouble(c[6]),
                    Double.parseDouble(c[7]), Double.parseDouble(c[8])));
        }
        return pairs;
    }
}
