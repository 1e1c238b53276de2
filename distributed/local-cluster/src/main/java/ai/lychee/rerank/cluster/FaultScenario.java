package ai.lychee.rerank.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Distinct rerank requests sent at a steady pace while faults strike at set points: the scenario of issue 13
 * (60 requests 0.15 s apart, a worker SIGKILLed after the 20th, every broker connection closed after the 40th),
 * or a broker restart under load. Each request is one of six queries with ten documents of its own
 * ({@link #documents}); it counts as answered when it got 200 and the document that must come first did. Used by the fault test and by
 * {@code ./lychee cluster-soak}; the JDK only, like the load command.
 */
public final class FaultScenario {

    public static final List<String> QUERIES = List.of("中国的首都是哪里?", "What is the capital of France?",
            "长城在哪里", "Which river is the longest in Asia?", "熊猫住在哪里", "西湖在哪个城市");
    private static final List<String> ANSWERS = List.of("北京是中华人民共和国的首都", "Paris is the capital of France.",
            "长城是中国古代的军事防御工程", "The Great Wall stretches across northern China.",
            "The Yangtze is the longest river in Asia.", "熊猫主要生活在四川的山区", "杭州西湖以风景优美闻名");
    private static final Pattern TOP_INDEX = Pattern.compile("\"results\"\\s*:\\s*\\[\\s*\\{\\s*\"index\"\\s*:\\s*(\\d+)");

    private final String url;
    private final Map<String, String> topDocument;
    /** Numbers every request of every run, so none repeats another (its fillers are new work for the worker). */
    private final java.util.concurrent.atomic.AtomicInteger sequence = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private FaultScenario(String url, Map<String, String> topDocument) {
        this.url = url;
        this.topDocument = topDocument;
    }

    /** What each request got: answered (200, right document first), wrong (200, another first), failed. */
    public record Tally(int sent, int answered, int wrong, int failed, List<String> problems) {
        @Override
        public String toString() {
            return sent + " sent, " + answered + " answered correctly, " + wrong + " answered wrongly, " + failed + " failed"
                    + (problems.isEmpty() ? "" : " " + problems.subList(0, Math.min(5, problems.size())));
        }
    }

    /** Learns which document each query must put first, from the cluster itself while nothing is wrong. */
    public static FaultScenario learn(String functionsUrl) {
        FaultScenario scenario = new FaultScenario(functionsUrl, new HashMap<>());
        for (int q = 0; q < QUERIES.size(); q++) {
            int n = -1 - q;
            HttpResponse<String> response = scenario.post(RerankJson.request(query(q), documents(n))).join();
            Integer top = topIndex(response);
            if (top == null || !ANSWERS.contains(documents(n).get(top))) {
                throw new IllegalStateException("the cluster does not answer '" + query(q) + "': " + response.statusCode() + " " + response.body());
            }
            scenario.topDocument.put(query(q), documents(n).get(top));
        }
        return scenario;
    }

    /**
     * Sends {@code requests} requests {@code gapMillis} apart; after the n-th is sent, the fault registered under n
     * starts on its own thread (sending goes on meanwhile). Meanwhile {@code busyClients} clients each send one
     * request after another, so that workers hold jobs when the faults strike; their requests count too. Returns
     * once every request has its answer.
     */
    public Tally run(int requests, long gapMillis, Map<Integer, Runnable> faults, int busyClients) {
        List<CompletableFuture<String>> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < busyClients; c++) {
            Thread client = new Thread(() -> {
                while (busy.get()) {
                    int n = sequence.getAndIncrement();
                    CompletableFuture<String> outcome = post(RerankJson.request(query(n), documents(n)))
                            .handle((response, failure) -> failure != null ? "no answer: " + failure.getMessage() : verdict(n, response));
                    outcomes.add(outcome);
                    outcome.join();
                }
            }, "busy client " + c);
            client.start();
            clients.add(client);
        }
        List<Thread> faultThreads = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int n = sequence.getAndIncrement();
            outcomes.add(post(RerankJson.request(query(n), documents(n)))
                    .handle((response, failure) -> failure != null ? "no answer: " + failure.getMessage() : verdict(n, response)));
            Runnable fault = faults.get(i + 1);
            if (fault != null) {
                Thread thread = new Thread(fault, "fault after request " + (i + 1));
                thread.start();
                faultThreads.add(thread);
            }
            LocalCluster.sleep(gapMillis);
        }
        for (Thread thread : faultThreads) {
            join(thread);
        }
        busy.set(false);
        clients.forEach(FaultScenario::join);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        int answered = 0;
        int wrong = 0;
        for (CompletableFuture<String> outcome : List.copyOf(outcomes)) {
            String verdict = outcome.join();
            if (verdict.equals("ok")) {
                answered++;
            } else {
                wrong += verdict.startsWith("wrong") ? 1 : 0;
                problems.add(verdict);
            }
        }
        return new Tally(outcomes.size(), answered, wrong, outcomes.size() - answered - wrong, List.copyOf(problems));
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@code document} is the one {@code query} must put first. */
    public boolean isFirst(String query, String document) {
        return document.equals(topDocument.get(query));
    }

    static String query(int n) {
        return QUERIES.get(n % QUERIES.size());
    }

    /**
     * Ten documents in the request's own order: seven that answer the queries (the same every time) and three
     * fillers no query is about, numbered after the request. The fillers make every request distinct and cost the
     * worker fresh work (nothing about them is cached), so workers hold jobs when faults strike; and since each
     * document is scored on its own, they cannot change which answer comes first.
     */
    static List<String> documents(int n) {
        List<String> documents = new ArrayList<>(ANSWERS);
        documents.add("订单" + n + "号的物流信息已经更新");
        documents.add("Invoice " + n + " was archived with the quarterly reports.");
        documents.add("会议室" + n + "的投影仪需要维修");
        java.util.Collections.rotate(documents, n);
        return documents;
    }

    private String verdict(int n, HttpResponse<String> response) {
        Integer top = topIndex(response);
        if (top == null) {
            return "request " + n + ": " + response.statusCode() + " " + response.body();
        }
        String first = documents(n).get(top);
        return first.equals(topDocument.get(query(n))) ? "ok" : "wrong first document for request " + n + ": " + first;
    }

    private static Integer topIndex(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return null;
        }
        Matcher m = TOP_INDEX.matcher(response.body());
        return m.find() ? Integer.parseInt(m.group(1)) : null;
    }

    private CompletableFuture<HttpResponse<String>> post(String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/rerank"))
                .timeout(Duration.ofSeconds(150)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
