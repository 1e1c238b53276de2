package ai.lychee.rerank.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller never hangs: with no worker it gets 504 after lychee.functions.worker-timeout; and a job that
 * crashes every worker it reaches is dead-lettered by the broker past the delivery limit, which routes it back
 * to the functions instance, whose caller gets a 502 saying so. The crashing workers are played by the test:
 * each takes the job and drops its connection at once without a goodbye, as a worker process dying on it would
 * (the broker sees the same).
 */
class DeadLetterIT {

    private static LocalCluster cluster;
    private static LocalCluster.Node functions;

    @BeforeAll
    static void start() {
        Services.requireRabbitMqAndRedis();
        cluster = new LocalCluster(Path.of(System.getProperty("lychee.root.dir", "../..")), "deadletter");
        functions = cluster.startFunctions("functions", Map.of("lychee.functions.worker-timeout", "4s",
                "lychee.functions.cache.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void withNoWorkerTheCallerGetsA504Problem() {
        Http.Answer answer = Http.post(functions.url() + "/api/rerank", RerankJson.request("nobody home", LoadTest.DOCUMENTS));
        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.body().get("detail").asText()).contains("no worker answered within 4000 ms");
    }

    @Test
    void aJobThatCrashesEveryWorkerItReachesIsDeadLetteredAndItsCallerToldSo() throws Exception {
        String ns = cluster.namespace();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(cluster.vhost());
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection admin = factory.newConnection(); Channel channel = admin.createChannel()) {
            // The jobs queue exactly as workers declare it (worker-app application.properties), and its DLQ.
            channel.exchangeDeclare(ns + ".score-jobs", "topic", true);
            channel.exchangeDeclare(ns + ".score-jobs.dead", "headers", true);
            channel.queueDeclare(ns + ".score-jobs", true, false, false, Map.of("x-queue-type", "quorum",
                    "x-delivery-limit", 3L, "x-dead-letter-exchange", ns + ".score-jobs.dead",
                    "x-dead-letter-routing-key", ns + ".score-jobs"));
            channel.queueBind(ns + ".score-jobs", ns + ".score-jobs", "#");
            channel.queueDeclare(ns + ".score-jobs.dlq", true, false, false, Map.of("x-message-ttl", 604800000L));
            channel.queueBind(ns + ".score-jobs.dlq", ns + ".score-jobs.dead", ns + ".score-jobs");

            // Each "worker" takes the job and dies on it: its connection drops with the job unacknowledged.
            AtomicInteger deliveries = new AtomicInteger();
            Thread workers = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Connection worker = factory.newConnection();
                        Channel jobs = worker.createChannel();
                        CountDownLatch died = new CountDownLatch(1);
                        jobs.basicConsume(ns + ".score-jobs", false, (tag, delivery) -> {
                            deliveries.incrementAndGet();
                            worker.abort();
                            died.countDown();
                        }, tag -> { });
                        died.await();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            workers.start();
            try {
                Http.Answer answer = Http.post(functions.url() + "/api/rerank", RerankJson.request("poison job", LoadTest.DOCUMENTS));

                assertThat(answer.status()).as(answer.body().toString()).isEqualTo(502);
                assertThat(answer.body().get("detail").asText()).contains("dead-lettered");
                assertThat(deliveries.get()).as("delivery-limit 3: dead-lettered on its fourth return").isEqualTo(4);
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (channel.messageCount(ns + ".score-jobs.dlq") == 0 && System.nanoTime() < deadline) {
                    LocalCluster.sleep(100);
                }
                assertThat(channel.messageCount(ns + ".score-jobs.dlq")).as("the dead job is kept for operators").isEqualTo(1);
            } finally {
                workers.interrupt();
            }
        }
    }
}
