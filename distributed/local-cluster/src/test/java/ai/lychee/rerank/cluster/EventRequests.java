package ai.lychee.rerank.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline using the event-driven entry while faults strike: it publishes rerank requests to
 * {@code <ns>.rerank-requests} (each on a short connection, tried again while the broker is away, as a
 * publisher with confirms would) and reads every result from a durable queue of its own bound to
 * {@code <ns>.rerank-results}, so results survive a broker restart. Tells how often each request was answered.
 */
final class EventRequests {

    private final LocalCluster cluster;
    private final String resultsQueue;
    private final List<String> sent = new ArrayList<>();

    EventRequests(LocalCluster cluster, String label) throws Exception {
        this.cluster = cluster;
        this.resultsQueue = cluster.namespace() + ".test-results-" + label;
        try (Connection connection = factory().newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(cluster.namespace() + ".rerank-results", "topic", true); // as functions declare it
            channel.queueDeclare(resultsQueue, true, false, false, null);
            channel.queueBind(resultsQueue, cluster.namespace() + ".rerank-results", "#");
        }
    }

    /** Publishes request {@code n} of the scenario's kind under the correlation id {@code id}. */
    void publish(String id, int n) {
        String body = RerankJson.request(FaultScenario.query(n), FaultScenario.documents(n));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (Connection connection = factory().newConnection(); Channel channel = connection.createChannel()) {
                channel.confirmSelect();
                channel.basicPublish(cluster.namespace() + ".rerank-requests", "request",
                        new AMQP.BasicProperties.Builder().correlationId(id).contentType("application/json").deliveryMode(2).build(),
                        body.getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(10_000);
                synchronized (sent) {
                    sent.add(id);
                }
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not publish event request " + id, e);
                }
                LocalCluster.sleep(500);
            }
        }
    }

    /**
     * Collects results until every sent request has one (then a few seconds more, to see any second copy), and
     * checks each: scored, exactly once, with the right document first.
     */
    void assertEachAnsweredOnceCorrectly(Map<String, Integer> requestOf, FaultScenario scenario) throws Exception {
        Map<String, List<JsonNode>> results = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        long quietUntil = Long.MAX_VALUE;
        try (Connection connection = factory().newConnection(); Channel channel = connection.createChannel()) {
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                GetResponse got = channel.basicGet(resultsQueue, true);
                if (got == null) {
                    LocalCluster.sleep(200);
                } else {
                    assertThat(got.getEnvelope().getRoutingKey()).as(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("scored");
                    results.computeIfAbsent(got.getProps().getCorrelationId(), id -> new ArrayList<>()).add(Http.JSON.readTree(got.getBody()));
                }
                if (quietUntil == Long.MAX_VALUE && results.keySet().containsAll(sent)) {
                    quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
            }
        }
        assertThat(results.keySet()).as("every event request answered").containsExactlyInAnyOrderElementsOf(sent);
        results.forEach((id, copies) -> {
            assertThat(copies).as("results for %s", id).hasSize(1);
            int n = requestOf.get(id);
            String first = FaultScenario.documents(n).get(copies.get(0).at("/results/0/index").asInt());
            assertThat(scenario.isFirst(FaultScenario.query(n), first)).as("%s put %s first", id, first).isTrue();
        });
    }

    private ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(cluster.vhost());
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }
}
