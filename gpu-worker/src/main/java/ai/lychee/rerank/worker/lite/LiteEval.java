package ai.lychee.rerank.worker.lite;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.worker.ScoringPair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the lite scorer over an evaluation set (../shared/eval format), one task per batch.
 *
 * <pre>
 * LiteEval features TASKS.jsonl OUT.tsv [--limit N] [--stride S]   features + grade per pair, for FitLiteCalibration
 * LiteEval run      TASKS.jsonl RUN.jsonl [--limit N] [--stride S] calibrated scores, the run format score.py reads
 * </pre>
 * {@code --stride S} keeps every S-th task (a spread-out subset while iterating).
 */
public final class LiteEval {

    private static final String INSTRUCTION = "Given a query, retrieve relevant documents.";

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !(args[0].equals("features") || args[0].equals("run"))) {
            System.err.println("usage: LiteEval features|run TASKS.jsonl OUT [--limit N] [--stride S]");
            System.exit(2);
        }
        int limit = Integer.MAX_VALUE;
        int stride = 1;
        for (int i = 3; i + 1 < args.length; i += 2) {
            if (args[i].equals("--limit")) {
                limit = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--stride")) {
                stride = Integer.parseInt(args[i + 1]);
            }
        }
        EvalTasks tasks = EvalTasks.read(Path.of(args[1]), limit, stride);
        LiteScorer scorer = LiteScorer.standalone(LiteConfigs.fromEnvironment());
        boolean features = args[0].equals("features");
        if (!features) {
            scorer.warmUp();
        }
        ObjectMapper json = new ObjectMapper();
        long start = System.nanoTime();
        int done = 0;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8))) {
            if (features) {
                out.println("task\tdoc\tgrade\tmodel\t" + String.join("\t", PairFeatures.NAMES));
            }
            for (EvalTasks.Task t : tasks.tasks()) {
                List<ScoringPair> pairs = new ArrayList<>();
                for (EvalTasks.Doc d : t.docs()) {
                    pairs.add(new ScoringPair(INSTRUCTION, Content.text(t.query()), Content.text(d.text())));
                }
                if (features) {
                    List<PairFeatures> f = scorer.features(pairs);
                    for (int i = 0; i < f.size(); i++) {
                        StringBuilder line = new StringBuilder();
                        String docId = t.docs().get(i).id();
                        line.append(t.id()).append('\t').append(docId).append('\t').append(t.grade(docId))
                                .append('\t').append(f.get(i).model().key());
                        for (double v : f.get(i).values()) {
                            line.append('\t').append(String.format(Locale.ROOT, "%.6f", v));
                        }
                        out.println(line);
                    }
                } else {
                    List<DocumentScore> s = scorer.score(pairs);
                    ObjectNode run = json.createObjectNode();
                    run.put("id", t.id());
                    ObjectNode scores = run.putObject("scores");
                    for (int i = 0; i < s.size(); i++) {
                        scores.put(t.docs().get(i).id(), Math.round(s.get(i).score() * 1e6) / 1e6);
                    }
                    out.println(json.writeValueAsString(run));
                }
                done++;
                if (done % 50 == 0 || done == tasks.tasks().size()) {
                    System.err.printf(Locale.ROOT, "\r%d/%d tasks, %.1f s", done, tasks.tasks().size(),
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
        System.err.println();
    }
}
