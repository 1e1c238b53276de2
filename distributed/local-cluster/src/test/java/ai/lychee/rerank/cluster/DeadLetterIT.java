package ai.lychee.rerank.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller never hangs: with no worker it gets 504 after lychee.functions.worker-timeout; and a job that
 * fails on every delivery is dead-lettered by the broker, which routes it back to the functions instance,
 * whose caller gets a 502 saying so. The failing worker is played by the test: it takes the job and hands
 * it back unprocessed, as a worker that crashes on it would (a real one dies; the broker sees the same).
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
    void aJobThatFailsOnEveryDeliveryIsDeadLetteredAndItsCallerToldSo() throws Exception {
        String ns = cluster.namespace();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(cluster.vhost());
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            // The jobs queue exactly as workers declare it (worker-app application.properties), and its DLQ.
            channel.exchangeDeclare(ns + ".score-jobs", "topic", true);
            channel.queueDeclare(ns + ".score-jobs", true, false, false, Map.of("x-queue-type", "quorum",
                    "x-delivery-limit", 3, "x-dead-letter-exchange", ns + ".score-jobs.dead",
                    "x-dead-letter-routing-key", ns + ".score-jobs"));
            channel.queueBind(ns + ".score-jobs", ns + ".score-jobs", "#");
            channel.queueDeclare(ns + ".score-jobs.dlq", true, false, false, Map.of("x-message-ttl", 604800000L));
            channel.queueBind(ns + ".score-jobs.dlq", ns + ".score-jobs.dead", ns + ".score-jobs");
            AtomicInteger deliveries = new AtomicInteger();
            channel.basicConsume(ns + ".score-jobs", false, (tag, delivery) -> {
                deliveries.incrementAndGet();
                channel.basicReject(delivery.getEnvelope().getDeliveryTag(), true);
            }, tag -> { });

            Http.Answer answer = Http.post(functions.url() + "/api/rerank", RerankJson.request("poison job", LoadTest.DOCUMENTS));

            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(502);
            assertThat(answer.body().get("detail").asText()).contains("dead-lettered");
            assertThat(deliveries.get()).isGreaterThanOrEqualTo(3);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (channel.messageCount(ns + ".score-jobs.dlq") == 0 && System.nanoTime() < deadline) {
                LocalCluster.sleep(100);
            }
            assertThat(channel.messageCount(ns + ".score-jobs.dlq")).as("the dead job is kept for operators").isEqualTo(1);
        }
    }
}
