package ai.lychee.rerank.worker.lite;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.worker.ScoringPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times the lite path on 20 MS MARCO passages of DL19 (a command, not a test):
 * the bge-small-en forward pass alone (one padded batch, and length-sorted buckets), tokenizing, and the whole
 * scorer with cold and with known documents. Prints min / p50 / p99 over repeats and documents per second.
 *
 * <pre>LiteForwardBenchmark [DL19.jsonl] [--repeats N] [--warmup N]</pre>
 * ONNX Runtime settings come from lychee.worker.lite.runtime.* system properties.
 */
public final class LiteForwardBenchmark {

    private static final int DOCS = 20;

    public static void main(String[] args) throws Exception {
        Path tasksFile = Path.of(System.getProperty("lychee.shared.dir", "../shared"), "eval/text/dl19.jsonl");
        int repeats = 30;
        int warmup = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> tasksFile = Path.of(args[i]);
            }
        }
        EvalTasks.Task task = EvalTasks.read(tasksFile, 1, 1).tasks().get(0);
        List<String> passages = task.docs().subList(0, DOCS).stream().map(EvalTasks.Doc::text).toList();
        LiteConfig config = LiteConfigs.fromEnvironment();
        LiteScorer scorer = LiteScorer.standalone(config);
        scorer.warmUp();
        BgeEncoder en = scorer.encoder(BgeModel.EN);
        Encoding[] encodings = en.tokenize(passages);
        int tokens = Arrays.stream(encodings).mapToInt(e -> e.getIds().length).sum();
        int longest = Arrays.stream(encodings).mapToInt(e -> e.getIds().length).max().orElse(0);
        System.out.printf(Locale.ROOT, "%d DL19 passages (query %s), %d tokens, longest %d; intra-op threads %s, opt %s, "
                        + "arena %s, spinning %s, bucket size %d, %d cores, token_type_ids input %s%n", DOCS, task.id(), tokens, longest,
                config.runtime().intraOpThreads() == 0 ? "all" : config.runtime().intraOpThreads(),
                config.runtime().optimizationLevel(), config.runtime().cpuArena(), config.runtime().allowSpinning(),
                config.bucketSize(), Runtime.getRuntime().availableProcessors(), en.takesTokenTypes());

        int r = repeats;
        int w = warmup;
        time("forward, one batch padded to the longest", w, r, () -> en.forward(encodings));
        time("forward, length-sorted buckets (the scorer's way)", w, r, () -> en.embed(passages));
        time("tokenize only", w, r, () -> en.tokenize(passages));

        String query = task.query();
        int[] round = {0};
        time("scorer, documents never seen (cache miss)", w, r, () -> {
            // a fresh suffix makes every document new to the cache
            String salt = " #" + (round[0]++);
            List<ScoringPair> pairs = new ArrayList<>();
            for (String p : passages) {
                pairs.add(new ScoringPair("", Content.text(query), Content.text(p + salt)));
            }
            return scorer.score(pairs);
        });
        List<ScoringPair> known = new ArrayList<>();
        for (String p : passages) {
            known.add(new ScoringPair("", Content.text(query), Content.text(p)));
        }
        scorer.score(known);
        int[] q = {0};
        time("scorer, known documents, new query each time", w, r, () -> {
            List<ScoringPair> pairs = new ArrayList<>();
            String fresh = query + " " + (q[0]++);
            for (String p : passages) {
                pairs.add(new ScoringPair("", Content.text(fresh), Content.text(p)));
            }
            return scorer.score(pairs);
        });
    }

    private static void time(String what, int warmup, int repeats, Supplier<?> work) {
        for (int i = 0; i < warmup; i++) {
            work.get();
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double p50 = ms[ms.length / 2];
        double p99 = ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.99) - 1)];
        System.out.printf(Locale.ROOT, "%-52s min %7.1f  p50 %7.1f  p99 %7.1f ms   %7.1f docs/s (p50)%n",
                what, ms[0], p50, p99, DOCS * 1000.0 / p50);
    }
}
