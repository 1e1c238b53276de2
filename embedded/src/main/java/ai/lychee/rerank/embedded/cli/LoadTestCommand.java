package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code lychee loadtest --url URL}: drives the HTTP API of a running service (embedded or distributed) from
 * this process with N concurrent clients, for a number of requests and/or a time, and prints throughput,
 * latency percentiles (all, cold, repeated), errors by status, and the server's heap from its
 * {@code /q/metrics}. Cold requests carry a query never sent before (the model runs); repeated ones come from
 * a small hot set (the hot-query cache answers). It runs without starting Quarkus: it is only a client.
 * Exit status 0 when every request succeeded, 1 otherwise.
 */
public class LoadTestCommand {

    private static final int HOT_SET = 16;

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public LoadTestCommand(PrintStream out) {
        this.out = out;
    }

    public int run(CliArgs args) throws Exception {
        String url = args.value("url");
        if (url == null) {
            throw new CliException("--url is required, e.g. --url http://localhost:7860 (start one with ./lychee load)");
        }
        String base = url.replaceAll("/+$", "");
        int clients = positive(args.intValue("clients", 4), "clients");
        int docs = positive(args.intValue("docs", 20), "docs");
        long maxRequests = args.value("requests") == null ? Long.MAX_VALUE : positive(args.intValue("requests", 0), "requests");
        Duration duration = args.value("duration") == null ? null : parseDuration(args.value("duration"));
        if (duration == null && maxRequests == Long.MAX_VALUE) {
            maxRequests = 200;
        }
        double repeated = parseFraction(args.value("repeated") == null ? "0.5" : args.value("repeated"));
        String path = args.value("path") == null ? "/api/rerank" : args.value("path");
        String token = args.value("token") != null ? args.value("token") : System.getenv("LYCHEE_TOKEN");
        List<EvalTask> tasks = tasks(args.value("tasks"));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<byte[]> hot = new ArrayList<>();
        for (int i = 0; i < HOT_SET; i++) {
            hot.add(body(tasks.get(i % tasks.size()), docs, "hot " + i));
        }
        out.printf(Locale.ROOT, "lychee loadtest: %s%s, %d clients, %d documents per request, %.0f%% repeated, %s%n",
                base, path, clients, docs, repeated * 100,
                (duration != null ? "for " + duration.toSeconds() + " s" : "")
                        + (duration != null && maxRequests != Long.MAX_VALUE ? " or " : "")
                        + (maxRequests != Long.MAX_VALUE ? maxRequests + " requests" : ""));
        Heap startHeap = heap(http, base, token);
        out.println("server heap at start: " + startHeap);
        // Warm-up, not counted: connections, JIT, and the hot set into the cache.
        for (byte[] body : hot) {
            String outcome = send(http, base + path, token, body);
            if (!outcome.equals("ok")) {
                throw new CliException("the service at " + base + path + " does not answer a normal request (" + outcome + ")");
            }
        }

        Run run = new Run(maxRequests, duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos());
        List<Thread> threads = new ArrayList<>();
        AtomicLong coldSalt = new AtomicLong();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (run.claim()) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    boolean isRepeat = random.nextDouble() < repeated;
                    byte[] body = isRepeat ? hot.get(random.nextInt(hot.size()))
                            : body(tasks.get(random.nextInt(tasks.size())), docs, "cold " + coldSalt.incrementAndGet());
                    long start = System.nanoTime();
                    String outcome = send(http, base + path, token, body);
                    run.record(isRepeat, (System.nanoTime() - start) / 1e6, outcome);
                }
            }, "loadtest-client-" + c);
            t.setDaemon(true);
            threads.add(t);
        }
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        Heap peak = startHeap;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            for (Thread t : threads) {
                t.join(10_000);
                if (t.isAlive()) {
                    break;
                }
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            Heap now = heap(http, base, token);
            if (now.bytes() > peak.bytes()) {
                peak = now;
            }
            out.printf(Locale.ROOT, "  %5.0f s  %8d requests  %7.1f req/s  %d errors  heap %s%n",
                    elapsed, run.done(), run.done() / elapsed, run.errors(), now);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Heap endHeap = heap(http, base, token);
        report(run, seconds, docs, startHeap, endHeap, peak);
        return run.errors() == 0 ? 0 : 1;
    }

    private void report(Run run, double seconds, int docs, Heap start, Heap end, Heap peak) {
        long done = run.done();
        out.println();
        out.printf(Locale.ROOT, "requests:   %d in %.1f s (%d cold, %d repeated)%n", done, seconds, run.cold.size(), run.repeat.size());
        out.printf(Locale.ROOT, "throughput: %.1f requests/s, %.0f documents/s%n", done / seconds, done * docs / seconds);
        if (done > 0) {
            out.println("latency, all:      " + Percentiles.of(run.all()).describe());
        }
        if (!run.cold.isEmpty()) {
            out.println("latency, cold:     " + Percentiles.of(toArray(run.cold)).describe());
        }
        if (!run.repeat.isEmpty()) {
            out.println("latency, repeated: " + Percentiles.of(toArray(run.repeat)).describe());
        }
        out.println("errors:     " + (run.errors() == 0 ? "none" : new TreeMap<>(run.outcomes).toString()));
        out.println("server heap: start " + start + ", end " + end + ", highest sampled " + peak);
    }

    /** One POST; the outcome is "ok", the HTTP status of a failure, or the I/O error's name. */
    private static String send(HttpClient http, String url, String token, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? "ok" : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private byte[] body(EvalTask task, int docs, String salt) {
        List<ContentInput> documents = new ArrayList<>(docs);
        for (int i = 0; i < docs; i++) {
            documents.add(task.documents().get(i % task.documents().size()));
        }
        ContentInput query = new ContentInput(task.query().text() + " (" + salt + ")", null, null);
        try {
            return json.writeValueAsBytes(new RerankRequest(query, documents, null, null, false));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service's heap in use, summed over the heap pools of {@code jvm_memory_used_bytes}. */
    private static Heap heap(HttpClient http, String base, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/q/metrics")).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Heap.UNKNOWN;
            }
            double sum = 0;
            boolean found = false;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            return found ? new Heap((long) sum) : Heap.UNKNOWN;
        } catch (IOException | RuntimeException e) {
            return Heap.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Heap.UNKNOWN;
        }
    }

    private List<EvalTask> tasks(String file) throws IOException {
        Path path = Path.of(file != null ? file
                : System.getProperty("lychee.shared.dir", "../shared") + "/eval/text/dl19.jsonl");
        List<EvalTask> tasks = new ArrayList<>();
        if (Files.isRegularFile(path)) {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    EvalTask task = EvalTask.from(json.readTree(line), path.toAbsolutePath().getParent());
                    if (task.query().text() != null && !task.documents().isEmpty()
                            && task.documents().stream().allMatch(d -> d.imageBase64() == null)) {
                        tasks.add(task);
                    }
                }
            }
        } else if (file != null) {
            throw new CliException("no tasks file at " + path);
        }
        if (tasks.isEmpty()) {
            tasks.add(builtIn());
        }
        return tasks;
    }

    /** Used when no evaluation set is at hand: a bilingual query and documents of realistic length. */
    private static EvalTask builtIn() {
        List<ContentInput> documents = List.of(
                ContentInput.ofText("北京是中华人民共和国的首都，也是全国的政治、文化和国际交往中心。"),
                ContentInput.ofText("上海是中国的经济中心，拥有世界上最繁忙的集装箱港口之一。"),
                ContentInput.ofText("Paris is the capital and most populous city of France."),
                ContentInput.ofText("Bananas grow in tropical regions and are rich in potassium."),
                ContentInput.ofText("The Great Wall of China stretches thousands of kilometres across northern China."));
        return new EvalTask("built-in", ContentInput.ofText("中国的首都是哪里? What is the capital of China?"),
                List.of("1", "2", "3", "4", "5"), documents);
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new CliException("--" + name + " must be at least 1");
        }
        return value;
    }

    /** {@code 300}, {@code 300s}, {@code 5m}, {@code 1h}. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            char unit = t.charAt(t.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new CliException("--duration takes a time such as 300s, 5m or 1h, not '" + text + "'");
        }
    }

    private static double parseFraction(String text) {
        try {
            double value = Double.parseDouble(text);
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new CliException("--repeated takes a fraction from 0 to 1, not '" + text + "'");
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Bytes of heap in use, or unknown when the service publishes no metrics. */
    record Heap(long bytes) {
        static final Heap UNKNOWN = new Heap(-1);

        @Override
        public String toString() {
            return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
        }
    }

    /** Shared state of the clients: how many requests may still start, and what came back. */
    private static final class Run {
        private final long maxRequests;
        private final long deadline;
        private final AtomicLong claimed = new AtomicLong();
        private final LongAdder errors = new LongAdder();
        final Map<String, Long> outcomes = new ConcurrentHashMap<>();
        final List<Double> cold = new ArrayList<>();
        final List<Double> repeat = new ArrayList<>();

        Run(long maxRequests, long deadline) {
            this.maxRequests = maxRequests;
            this.deadline = deadline;
        }

        boolean claim() {
            return System.nanoTime() < deadline && claimed.incrementAndGet() <= maxRequests;
        }

        void record(boolean isRepeat, double millis, String outcome) {
            if (!outcome.equals("ok")) {
                errors.increment();
                outcomes.merge(outcome, 1L, Long::sum);
            }
            synchronized (this) {
                (isRepeat ? repeat : cold).add(millis);
            }
        }

        synchronized long done() {
            return cold.size() + repeat.size();
        }

        long errors() {
            return errors.sum();
        }

        synchronized double[] all() {
            double[] all = new double[cold.size() + repeat.size()];
            int i = 0;
            for (double d : cold) {
                all[i++] = d;
            }
            for (double d : repeat) {
                all[i++] = d;
            }
            return all;
        }
    }
}
