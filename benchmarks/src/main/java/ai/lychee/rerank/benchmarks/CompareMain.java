package ai.lychee.rerank.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./lychee bench-compare}: in one run on this machine, on the same model (bge-small-en-v1.5 quantized) and
 * the same DL19 passages,
 * <ol>
 * <li>the plain library (langchain4j's {@code embedAll}) against our forward path (BgeEncoder; and the whole lite
 * scorer with its caches off), rounds interleaved so that a change in machine load hits both;</li>
 * <li>restart to ready of the packaged embedded app, launched as a user launches it;</li>
 * <li>our end-to-end HTTP request (new query, documents never seen) against the forward work of the same request
 * in this process (the overhead ratio), the hot-query cache hit, and known documents with a new query.</li>
 * </ol>
 * Every figure is printed as min / p50 / p99 / max over its repeats, then checked against the goals of issue 7.
 * Figures, not a test.
 */
public final class CompareMain {

    public static void main(String[] args) throws Exception {
        // the lite classes log through JBoss logging, as in the app
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        Options o = Options.parse(args);
        Passages passages = Passages.read(o.tasks(), 100);
        Report report = new Report(System.out);
        report.header(o);

        List<String> docs = passages.task(0).documents().subList(0, o.docs());
        double[] plainMs = new double[o.repeats()];
        double[] oursMs = new double[o.repeats()];
        double[] scorerMs = new double[o.repeats()];
        double[] oneRunMs = new double[o.repeats()];
        double[] shippedMs = new double[o.repeats()];
        // ours first: DJL creates ONNX Runtime's one environment with its own options and refuses an existing one;
        // langchain4j takes whichever exists. Both run on the same ONNX Runtime 1.20.0 native library.
        long t0 = System.nanoTime();
        try (OurPath ours = new OurPath()) {
            double oursLoad = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            PlainLibrary plain = new PlainLibrary();
            plain.embedAll(List.of("load"));
            double plainLoad = (System.nanoTime() - t0) / 1e6;
            report.agreement(plain.embedAll(docs), ours.embed(docs), ours.embedAsShipped(docs), plainLoad, oursLoad);
            String query = passages.task(0).query();
            for (int i = 0; i < o.warmup(); i++) {
                plain.embedAll(docs);
                ours.embed(docs);
                ours.scoreUncached(query, docs);
                ours.embedAsShipped(docs);
            }
            for (int i = 0; i < o.repeats(); i++) {
                // alternate which goes first, so neither always follows the other's cache and thread state
                if (i % 2 == 0) {
                    plainMs[i] = time(() -> plain.embedAll(docs));
                    oursMs[i] = time(() -> ours.embed(docs));
                } else {
                    oursMs[i] = time(() -> ours.embed(docs));
                    plainMs[i] = time(() -> plain.embedAll(docs));
                }
                scorerMs[i] = time(() -> ours.scoreUncached(query, docs));
                oneRunMs[i] = time(() -> ours.embedOneRunAtATime(docs));
                shippedMs[i] = time(() -> ours.embedAsShipped(docs));
            }
            report.forward(o.docs(), new Report.Forward(plainMs, oursMs, scorerMs, oneRunMs, shippedMs), ours.graphTuning());

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            List<ServiceProcess.Start> starts = new ArrayList<>();
            int port = o.port() > 0 ? o.port() : freePort();
            for (int k = 0; k < o.restarts(); k++) {
                ServiceProcess service = ServiceProcess.launch(o.jar(), port, o.serviceJvmOptions(), http);
                starts.add(service.start());
                if (k < o.restarts() - 1) {
                    service.close();
                    continue;
                }
                try (service) {
                    report.restarts(starts);
                    endToEnd(o, passages, ours, new RerankHttp(http, service.base()), report);
                }
            }
        }
        report.goals();
        System.exit(0);
    }

    /** Cold requests (new query, documents never seen), each followed or preceded by its forward work in-process. */
    private static void endToEnd(Options o, Passages passages, OurPath ours, RerankHttp http, Report report) throws Exception {
        int slices = 100 / o.docs();
        // warm-up, so the service is measured in its steady state as the in-process path is (JIT compiled):
        // cold requests on the last slice, which the measured requests do not use, then cache hits of those
        long warmStart = System.nanoTime();
        List<byte[]> warm = new ArrayList<>();
        for (int i = 0; i < o.serviceWarmup() / 20 + 1; i++) {
            Passages.Task t = passages.task(i);
            warm.add(http.body(t.query() + " warm-up", slice(t, slices - 1, o.docs())));
            http.time(warm.get(i));
        }
        for (int i = 0; i < o.serviceWarmup(); i++) {
            http.time(warm.get(i % warm.size()));
        }
        report.serviceWarmup(o.serviceWarmup() + warm.size(), (System.nanoTime() - warmStart) / 1e9);
        int n = o.requests();
        double[] e2e = new double[n];
        double[] forward = new double[n];
        for (int i = 0; i < n; i++) {
            Passages.Task t = passages.task(i);
            // every request a task's own query with passages no earlier request carried
            List<String> docs = slice(t, (i / passages.tasks().size()) % (slices - 1), o.docs());
            String query = t.query() + " #" + i;
            byte[] body = http.body(query, docs);
            if (i % 2 == 0) {
                e2e[i] = http.time(body);
                forward[i] = time(() -> ours.scoreUncached(query, docs));
            } else {
                forward[i] = time(() -> ours.scoreUncached(query, docs));
                e2e[i] = http.time(body);
            }
        }
        Passages.Task first = passages.task(0);
        List<String> firstDocs = slice(first, 0, o.docs());
        byte[] repeated = http.body(first.query() + " #0", firstDocs);
        double[] hit = new double[n];
        double[] knownDocs = new double[n];
        for (int i = 0; i < n; i++) {
            hit[i] = http.time(repeated);
            knownDocs[i] = http.time(http.body(first.query() + " again " + i, firstDocs));
        }
        report.endToEnd(o.docs(), e2e, forward, hit, knownDocs);
    }

    private static List<String> slice(Passages.Task t, int slice, int docs) {
        return t.documents().subList(slice * docs, slice * docs + docs);
    }

    private static double time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Command-line options. */
    record Options(Path root, Path tasks, int docs, int repeats, int warmup, int restarts, int requests, int port,
                   int serviceWarmup, List<String> serviceJvmOptions) {

        static Options parse(String[] args) {
            Path root = Path.of(".");
            String tasks = null;
            int docs = 20;
            int repeats = 30;
            int warmup = 5;
            int restarts = 5;
            int requests = 30;
            int port = 0;
            int serviceWarmup = 2000;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--root" -> root = Path.of(v);
                    case "--tasks" -> tasks = v;
                    case "--docs" -> docs = Integer.parseInt(v);
                    case "--repeats" -> repeats = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--restarts" -> restarts = Integer.parseInt(v);
                    case "--requests" -> requests = Integer.parseInt(v);
                    case "--port" -> port = Integer.parseInt(v);
                    case "--service-warmup" -> serviceWarmup = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + " (--root --tasks --docs --repeats --warmup --restarts --requests --port --service-warmup)");
                }
            }
            if (docs < 1 || docs > 50 || repeats < 1 || restarts < 1 || requests < 1) {
                throw new IllegalArgumentException("--docs 1..50, --repeats, --restarts and --requests at least 1");
            }
            String shared = System.getProperty("lychee.shared.dir", root.resolve("../shared").toString());
            Path tasksFile = Path.of(tasks != null ? tasks : shared + "/eval/text/dl19.jsonl");
            List<String> jvm = new ArrayList<>(List.of("-Xmx4g", "-Dlychee.shared.dir=" + shared));
            // the service runs with the same lite settings as the in-process path it is compared with
            System.getProperties().stringPropertyNames().stream()
                    .filter(k -> k.startsWith("lychee.") && !k.equals("lychee.shared.dir"))
                    .sorted()
                    .forEach(k -> jvm.add("-D" + k + "=" + System.getProperty(k)));
            return new Options(root, tasksFile, docs, repeats, warmup, restarts, requests, port, serviceWarmup, jvm);
        }

        Path jar() {
            Path jar = root.resolve("embedded/target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no packaged app at " + jar + " (build it: ./mvnw -B -q -pl embedded -am install -DskipTests)");
            }
            return jar;
        }
    }

    static String format(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
