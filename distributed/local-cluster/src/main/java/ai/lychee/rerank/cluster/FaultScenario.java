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
 * or a broker restart under load. Each request is a query with the ten documents in its own order; it counts as
 * answered when it got 200 and the document that must come first did. Used by the fault test and by
 * {@code ./lychee cluster-soak}; the JDK only, like the load command.
 */
public final class FaultScenario {

    public static final List<String> QUERIES = List.of("中国的首都是哪里?", "What is the capital of France?",
            "长城在哪里", "Which river is the longest in Asia?", "熊猫住在哪里", "西湖在哪个城市");
    private static final Pattern TOP_INDEX = Pattern.compile("\"results\"\\s*:\\s*\\[\\s*\\{\\s*\"index\"\\s*:\\s*(\\d+)");

    private final String url;
    private final Map<String, String> topDocument;
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
        for (String query : QUERIES) {
            HttpResponse<String> response = scenario.post(RerankJson.request(query, LoadTest.DOCUMENTS)).join();
            Integer top = topIndex(response);
            if (top == null) {
                throw new IllegalStateException("the cluster does not answer '" + query + "': " + response.statusCode() + " " + response.body());
            }
            scenario.topDocument.put(query, LoadTest.DOCUMENTS.get(top));
        }
        return scenario;
    }

    /**
     * Sends {@code requests} requests {@code gapMillis} apart; after the n-th is sent, the fault registered under n
     * starts on its own thread (sending goes on meanwhile). Returns once every request has its answer.
     */
    public Tally run(int requests, long gapMillis, Map<Integer, Runnable> faults) {
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        List<Thread> faultThreads = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int n = i;
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
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        int answered = 0;
        int wrong = 0;
        for (CompletableFuture<String> outcome : outcomes) {
            String verdict = outcome.join();
            if (verdict.equals("ok")) {
                answered++;
            } else {
                wrong += verdict.startsWith("wrong") ? 1 : 0;
                problems.add(verdict);
            }
        }
        for (Thread thread : faultThreads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Tally(requests, answered, wrong, requests - answered - wrong, List.copyOf(problems));
    }

    /** Whether {@code document} is the one {@code query} must put first. */
    public boolean isFirst(String query, String document) {
        return document.equals(topDocument.get(query));
    }

    static String query(int n) {
        return QUERIES.get(n % QUERIES.size());
    }

    /** The ten documents, rotated by the request's number: every request of a run is distinct. */
    static List<String> documents(int n) {
        List<String> documents = new ArrayList<>(LoadTest.DOCUMENTS);
        java.util.Collections.rotate(documents, n / QUERIES.size() + 1);
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
