package ai.lychee.rerank.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The distributed mode against this machine's real RabbitMQ and Redis: two worker processes, two functions
 * instances (one without cache, one with the shared Redis cache), each a packaged app in its own JVM.
 * Faults are real: SIGKILL, broker connections closed by the broker, Redis shut down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedFaultsIT {

    private static LocalCluster cluster;
    private static LocalCluster.Node worker1;
    private static LocalCluster.Node uncached;
    private static LocalCluster.Node cached;
    private static final Variants VARIANTS = new Variants();

    @BeforeAll
    static void startCluster() {
        Services.requireRabbitMqAndRedis();
        Redis.ensureRunning();
        cluster = new LocalCluster(Path.of(System.getProperty("lychee.root.dir", "../..")), "faults");
        Map<String, String> functionsSettings = Map.of("lychee.functions.worker-timeout", "20s",
                "lychee.functions.cache.enabled", "false");
        worker1 = cluster.startWorker("worker-1", Map.of());
        cluster.startWorker("worker-2", Map.of());
        uncached = cluster.startFunctions("functions-uncached", functionsSettings);
        cached = cluster.startFunctions("functions-redis", Map.of("lychee.functions.worker-timeout", "20s",
                "lychee.functions.cache.store", "redis"));
        VARIANTS.learn(uncached.url());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            Redis.ensureRunning();
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void eachInstanceGetsItsOwnRepliesAndTheScoresMeanWhatTheySay() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int variant = i;
            String url = (i % 2 == 0 ? uncached : cached).url();
            calls.add(clients.submit(() -> VARIANTS.assertAnswer(variant, Http.post(url + "/api/rerank", Variants.body(variant)))));
        }
        for (Future<?> call : calls) {
            call.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        JsonNode capital = Http.post(uncached.url() + "/api/rerank", RerankJson.request("中国的首都是哪里?",
                List.of("上海是中国的经济中心", "中国的首都是哪个城市"))).body();
        assertThat(capital.at("/results/0/index").asInt()).isEqualTo(1);
        assertThat(capital.at("/results/0/band").asText()).isEqualTo("high");
        assertThat(capital.at("/results/1/band").asText()).isEqualTo("low");
    }

    @Test
    @Order(2)
    void eventDrivenRequestsAreScoredAndPublished() throws Exception {
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            String results = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.exchangeDeclare(cluster.namespace() + ".rerank-results", "topic", true); // as functions declare it
            channel.queueBind(results, cluster.namespace() + ".rerank-results", "#");
            publishRequest(channel, "evt-good", Variants.body(0));
            publishRequest(channel, "evt-bad", "{\"query\": \"q\", \"documents\": []}");

            Map<String, GetResponse> byId = new ConcurrentHashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (byId.size() < 2 && System.nanoTime() < deadline) {
                GetResponse got = channel.basicGet(results, true);
                if (got == null) {
                    LocalCluster.sleep(100);
                } else {
                    byId.put(got.getProps().getCorrelationId(), got);
                }
            }
            assertThat(byId).containsKeys("evt-good", "evt-bad");
            GetResponse good = byId.get("evt-good");
            assertThat(good.getEnvelope().getRoutingKey()).isEqualTo("scored");
            VARIANTS.assertAnswer(0, new Http.Answer(200, Http.JSON.readTree(good.getBody())));
            GetResponse bad = byId.get("evt-bad");
            assertThat(bad.getEnvelope().getRoutingKey()).isEqualTo("rejected");
            JsonNode problem = Http.JSON.readTree(bad.getBody());
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("field").asText()).isEqualTo("documents");
        }
    }

    @Test
    @Order(3)
    void withRedisStoppedAnswersContinueUncachedAndTheCacheComesBack() {
        String hits = "lychee_cache_requests_total{result=\"hit\"}";
        String body = RerankJson.request("redis test " + System.nanoTime(), LoadTest.DOCUMENTS);
        assertThat(Http.post(cached.url() + "/api/rerank", body).status()).isEqualTo(200);
        double before = Http.metric(cached.url(), hits);
        assertThat(Http.post(cached.url() + "/api/rerank", body).status()).isEqualTo(200);
        assertThat(Http.metric(cached.url(), hits) - before).as("the repeat came from Redis").isEqualTo(LoadTest.DOCUMENTS.size());

        Redis.stop();
        try {
            assertThat(Redis.answers()).isFalse();
            for (int i = 0; i < 12; i++) {
                VARIANTS.assertAnswer(i, Http.post(cached.url() + "/api/rerank", Variants.body(i)));
            }
        } finally {
            Redis.ensureRunning();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        double afterRestart = Http.metric(cached.url(), hits);
        String fresh = RerankJson.request("redis back " + System.nanoTime(), LoadTest.DOCUMENTS);
        while (Http.metric(cached.url(), hits) == afterRestart && System.nanoTime() < deadline) {
            assertThat(Http.post(cached.url() + "/api/rerank", fresh).status()).isEqualTo(200);
            LocalCluster.sleep(200);
        }
        assertThat(Http.metric(cached.url(), hits)).as("cache hits resume once Redis is back").isGreaterThan(afterRestart);
    }

    @Test
    @Order(4)
    void afterTheBrokerCutEveryConnectionTheServiceRecoversByItself() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(2);
        AtomicInteger sent = new AtomicInteger();
        List<Future<?>> streams = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            streams.add(clients.submit(() -> {
                while (running.get()) {
                    int variant = sent.getAndIncrement();
                    Http.Answer answer = Http.post(uncached.url() + "/api/rerank", Variants.body(variant));
                    statuses.add(answer.status());
                    if (answer.status() == 200) {
                        VARIANTS.assertAnswer(variant, answer);
                    } else {
                        // During the cut: a clear problem (503 could not send, 504 no reply in time), never a 500.
                        assertThat(answer.status()).as(answer.body().toString()).isIn(502, 503, 504);
                        assertThat(answer.body().get("detail").asText()).isNotBlank();
                    }
                }
                return null;
            }));
        }
        while (statuses.size() < 6) {
            for (Future<?> stream : streams) {
                if (stream.isDone()) {
                    stream.get(); // a client failed before the cut: show why
                }
            }
            LocalCluster.sleep(50);
        }
        assertThat(cluster.cutBrokerConnections()).as("connections of this cluster closed by the broker").isGreaterThanOrEqualTo(4);
        int afterCut = statuses.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!recoveredWithSuccesses(statuses, afterCut, 10) && System.nanoTime() < deadline) {
            LocalCluster.sleep(200);
        }
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
        for (Future<?> stream : streams) {
            stream.get(); // rethrows what a client saw that it should not have
        }
        assertThat(recoveredWithSuccesses(statuses, afterCut, 10)).as("10 answers in a row after the cut: %s", statuses).isTrue();
    }

    @Test
    @Order(5)
    void aWorkerKilledMidStreamLosesNothing() throws Exception {
        int total = 90;
        ExecutorService clients = Executors.newFixedThreadPool(4);
        AtomicInteger answered = new AtomicInteger();
        List<Future<Http.Answer>> calls = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int variant = i;
            calls.add(clients.submit(() -> {
                Http.Answer answer = Http.post(uncached.url() + "/api/rerank", Variants.body(variant));
                answered.incrementAndGet();
                return answer;
            }));
        }
        while (answered.get() < 20) {
            LocalCluster.sleep(20);
        }
        worker1.kill();
        assertThat(worker1.isAlive()).isFalse();
        for (int i = 0; i < total; i++) {
            VARIANTS.assertAnswer(i, calls.get(i).get(120, TimeUnit.SECONDS));
        }
        clients.shutdown();
        assertThat(answered.get()).as("every request answered exactly once").isEqualTo(total);
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            assertThat(channel.messageCount(cluster.namespace() + ".score-jobs.dlq")).as("nothing dead-lettered").isZero();
        }
    }

    /**
     * Whether, after the cut, {@code needed} answers in a row were 200. Answers are listed as they complete, so a
     * request caught in the cut may still end later with its 504 after the service has recovered: recovery is
     * a run of successes, not the last answers.
     */
    private static boolean recoveredWithSuccesses(List<Integer> statuses, int from, int needed) {
        synchronized (statuses) {
            int run = 0;
            for (int i = from; i < statuses.size(); i++) {
                run = statuses.get(i) == 200 ? run + 1 : 0;
                if (run >= needed) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void publishRequest(Channel channel, String correlationId, String body) throws Exception {
        channel.basicPublish(cluster.namespace() + ".rerank-requests", "request",
                new AMQP.BasicProperties.Builder().correlationId(correlationId).contentType("application/json").deliveryMode(2).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static ConnectionFactory broker() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(cluster.vhost());
        return factory;
    }
}
