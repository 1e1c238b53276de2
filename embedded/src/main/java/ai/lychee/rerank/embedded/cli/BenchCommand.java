package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.worker.ActiveScorer;
import ai.lychee.rerank.worker.Scorer;
import ai.lychee.rerank.worker.ScoringPair;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code lychee bench}: prints, for 20-document text requests, end-to-end latency through HTTP (cold:
 * every request a new query), documents per second, cache-hit latency, and the scorer's forward pass
 * alone on the same batch, so the overhead of everything around the model shows; with {@code --images},
 * also 20-photo requests with the image stages' times. Figures, not a test.
 */
public class BenchCommand implements Command {

    private final PrintStream out;

    public BenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public int run(CliArgs args) throws Exception {
        int docs = args.intValue("docs", 20);
        int requests = args.intValue("requests", 30);
        Path tasksFile = Path.of(args.value("tasks") != null ? args.value("tasks")
                : System.getProperty("lychee.shared.dir", "../shared") + "/eval/text/dl19.jsonl");
        if (!Files.isRegularFile(tasksFile)) {
            throw new CliException("benchmark texts not found at " + tasksFile + " (give --tasks FILE in the ../shared/eval format)");
        }
        ObjectMapper json = Arc.container().instance(ObjectMapper.class).get();
        List<EvalTask> tasks = new ArrayList<>();
        for (String line : Files.readAllLines(tasksFile, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                tasks.add(EvalTask.from(json.readTree(line), tasksFile.toAbsolutePath().getParent()));
            }
        }
        String url = args.value("url") != null ? args.value("url")
                : "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
        RerankClient http = new HttpRerankClient(url, args.value("token"), json);
        Scorer scorer = Arc.container().instance(ActiveScorer.class).get().get();

        out.printf(Locale.ROOT, "lychee bench: model %s, %d documents per request, %d requests, %d cores, via %s%n",
                scorer.name(), docs, requests, Runtime.getRuntime().availableProcessors(), url);
        // Warm-up: JIT, model sessions, connection.
        for (int i = 0; i < 3; i++) {
            http.rerank(request(tasks.get(i % tasks.size()), docs, "warm-up " + i, "warm-up " + i));
        }
        // Cold: a new query and documents never seen (salted), so nothing is cached anywhere.
        double[] cold = new double[requests];
        long coldStart = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            http.rerank(request(tasks.get(i % tasks.size()), docs, "cold " + i, "cold " + i));
            cold[i] = (System.nanoTime() - t) / 1e6;
        }
        double coldSeconds = (System.nanoTime() - coldStart) / 1e9;
        // Known documents, new query: the common case in pipelines whose candidate pools repeat.
        double[] knownDocs = new double[requests];
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            http.rerank(request(tasks.get(0), docs, "known " + i, "cold 0"));
            knownDocs[i] = (System.nanoTime() - t) / 1e6;
        }
        RerankRequest repeated = request(tasks.get(0), docs, "cold 0", "cold 0");
        double[] hit = new double[requests];
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            http.rerank(repeated);
            hit[i] = (System.nanoTime() - t) / 1e6;
        }
        // The scorer alone on batches shaped like the cold requests, also never seen before.
        double[] forward = new double[requests];
        for (int i = 0; i < requests; i++) {
            List<ScoringPair> batch = pairs(tasks.get(i % tasks.size()), docs, "forward " + i);
            long t = System.nanoTime();
            scorer.score(batch);
            forward[i] = (System.nanoTime() - t) / 1e6;
        }
        Percentiles coldP = Percentiles.of(cold);
        Percentiles forwardP = Percentiles.of(forward);
        out.println("end-to-end HTTP, all new (cold):        " + coldP.describe());
        out.printf(Locale.ROOT, "documents per second (cold end-to-end): %.1f%n", requests * docs / coldSeconds);
        out.println("end-to-end HTTP, new query, known docs: " + Percentiles.of(knownDocs).describe());
        out.println("end-to-end HTTP, hot-query cache hit:   " + Percentiles.of(hit).describe());
        out.println("scorer forward pass alone, all new:     " + forwardP.describe());
        out.printf(Locale.ROOT, "overhead ratio (cold end-to-end p50 / forward p50): %.2fx%n", coldP.p50() / forwardP.p50());
        if (args.flag("images")) {
            Path images = Path.of(args.value("image-dir") != null ? args.value("image-dir")
                    : System.getProperty("lychee.shared.dir", "../shared") + "/eval/image/flickr8k-cn/images");
            new ImageBench(out).run(http, images, docs, Math.min(requests, 10));
        }
        return 0;
    }

    /**
     * The task's first documents and its query, each made unique by a salt (a few characters, so the
     * work stays the same) so that no cached score or embedding applies.
     */
    private static RerankRequest request(EvalTask task, int docs, String querySalt, String documentSalt) {
        List<ContentInput> documents = task.documents().subList(0, Math.min(docs, task.documents().size())).stream()
                .map(d -> new ContentInput(d.text() + " (" + documentSalt + ")", null, null))
                .toList();
        return new RerankRequest(new ContentInput(task.query().text() + " " + querySalt, null, null), documents, null, null, false);
    }

    private static List<ScoringPair> pairs(EvalTask task, int docs, String salt) {
        String instruction = "Given a query, retrieve relevant documents.";
        Content query = Content.text(task.query().text() + " " + salt);
        return task.documents().subList(0, Math.min(docs, task.documents().size())).stream()
                .map(d -> new ScoringPair(instruction, query, Content.text(d.text() + " (" + salt + ")")))
                .toList();
    }
}
