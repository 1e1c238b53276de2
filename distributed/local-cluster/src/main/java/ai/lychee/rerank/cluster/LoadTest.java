package ai.lychee.rerank.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./lychee cluster-loadtest}: starts functions and one worker (distributed mode, this machine's RabbitMQ),
 * drives a steady closed-loop load of rerank requests (a new query each time, so every request reaches a
 * worker) and prints requests per second and latency percentiles; then adds a second worker and does it
 * again. Figures, not a test: on one small machine the workers share its cores.
 */
public final class LoadTest {

    static final List<String> DOCUMENTS = List.of(
            "北京是中华人民共和国的首都", "上海是中国的经济中心", "Paris is the capital of France.",
            "Bananas grow in the tropics.", "The Great Wall stretches across northern China.",
            "长城是中国古代的军事防御工程", "Berlin is the capital of Germany.", "熊猫主要生活在四川的山区",
            "The Yangtze is the longest river in Asia.", "杭州西湖以风景优美闻名");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path root = Path.of(options.getOrDefault("root", "."));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        int docs = Math.min(DOCUMENTS.size(), Integer.parseInt(options.getOrDefault("docs", "10")));
        System.out.printf(Locale.ROOT, "lychee cluster-loadtest: %d concurrent clients, %d documents per request, %d s per run, %d cores%n",
                concurrency, docs, seconds, Runtime.getRuntime().availableProcessors());
        try (LocalCluster cluster = new LocalCluster(root, "load")) {
            LocalCluster.Node functions = cluster.startFunctions("functions", Map.of("lychee.functions.cache.enabled", "false"));
            cluster.startWorker("worker-1", Map.of());
            run(functions.url(), 3, concurrency, docs, null);
            System.out.println("1 worker:  " + run(functions.url(), seconds, concurrency, docs, "w1"));
            cluster.startWorker("worker-2", Map.of());
            run(functions.url(), 3, concurrency, docs, null);
            System.out.println("2 workers: " + run(functions.url(), seconds, concurrency, docs, "w2"));
        }
    }

    /** Closed loop: each client sends its next request when the previous one is answered. */
    static String run(String url, int seconds, int concurrency, int docs, String label) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        AtomicLong sequence = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            clients.submit(() -> {
                while (System.nanoTime() < end) {
                    String body = RerankJson.request("load test query " + label + " #" + sequence.incrementAndGet() + " 中国的首都",
                            DOCUMENTS.subList(0, docs));
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/rerank"))
                                .timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            latencies.add((System.nanoTime() - t) / 1e6);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        clients.awaitTermination(seconds + 120L, java.util.concurrent.TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return "no request answered (" + failed.get() + " failed)";
        }
        return String.format(Locale.ROOT, "%7.1f requests/s (%6.1f documents/s)  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%d answered, %d failed)",
                sorted.length / elapsed, sorted.length * docs / elapsed, at(sorted, 0.50), at(sorted, 0.99),
                sorted[sorted.length - 1], sorted.length, failed.get());
    }

    static double at(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("usage: cluster-loadtest [--seconds 20] [--concurrency 8] [--docs 10] [--root DIR]; got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
