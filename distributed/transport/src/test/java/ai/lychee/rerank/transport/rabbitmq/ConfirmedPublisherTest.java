package ai.lychee.rerank.transport.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * The publisher against this machine's RabbitMQ while the broker refuses it (the test's virtual host grants no
 * access yet, which to a client is the broker being away): a message waits, is sent and confirmed once the broker
 * lets it in, and is nacked only when its deadline passes first.
 */
class ConfirmedPublisherTest {

    @Test
    void aMessageWaitsForTheBrokerAndIsConfirmedWhenItIsBack() throws Exception {
        try (TestBroker broker = TestBroker.create().createVhost()) {
            declareQueue(broker);
            TestBroker.ctl("clear_permissions", "-p", broker.vhost, "guest"); // the broker is "away" for us
            Fixture fixture = new Fixture(broker);
            CompletableFuture<String> outcome = fixture.send("hello", Instant.now().plusSeconds(60));

            Thread.sleep(1_500);
            assertThat(outcome).as("nothing confirmed while the broker is away").isNotDone();
            TestBroker.ctl("set_permissions", "-p", broker.vhost, "guest", ".*", ".*", ".*");

            assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo("ack");
            assertThat(broker.counts("out")[0]).as("delivered once").isEqualTo(1);
            fixture.close();
        }
    }

    @Test
    void aMessageWhoseDeadlinePassesWhileTheBrokerIsAwayIsNacked() throws Exception {
        try (TestBroker broker = TestBroker.create().createVhost()) {
            TestBroker.ctl("clear_permissions", "-p", broker.vhost, "guest");
            Fixture fixture = new Fixture(broker);
            long started = System.nanoTime();
            CompletableFuture<String> outcome = fixture.send("too late", Instant.now().plusMillis(1_000));

            assertThat(outcome.get(30, TimeUnit.SECONDS)).startsWith("nack");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("not before its deadline").isGreaterThanOrEqualTo(950);
            fixture.close();
        }
    }

    /** A publisher on the exchange {@code out-x}, fed directly, its deadline sweep running. */
    private static final class Fixture {
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        final ExecutorService sender = Executors.newSingleThreadExecutor();
        final BrokerLink link;
        final ConfirmedPublisher publisher;

        Fixture(TestBroker broker) {
            link = new BrokerLink("test publish", broker.settings(), scheduler);
            publisher = new ConfirmedPublisher("out", new QueueTopology("out-x", "topic", true, null, true, Map.of(),
                    List.of(), Map.of(), Optional.empty()), java.time.Duration.ofSeconds(60), link, sender);
            publisher.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            scheduler.scheduleWithFixedDelay(publisher::dropExpired, 100, 100, TimeUnit.MILLISECONDS);
        }

        CompletableFuture<String> send(String text, Instant deadline) {
            CompletableFuture<String> outcome = new CompletableFuture<>();
            publisher.onNext(Message.of(text.getBytes(StandardCharsets.UTF_8), Metadata.of(PublishMetadata.to("k").until(deadline)))
                    .withAck(() -> {
                        outcome.complete("ack");
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        outcome.complete("nack: " + failure.getMessage());
                        return CompletableFuture.completedFuture(null);
                    }));
            return outcome;
        }

        void close() {
            link.close();
            scheduler.shutdownNow();
            sender.shutdownNow();
        }
    }

    private static void declareQueue(TestBroker broker) throws Exception {
        try (Connection connection = broker.settings().connectionFactory().newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("out-x", "topic", true);
            channel.queueDeclare("out", true, false, false, null);
            channel.queueBind("out", "out-x", "#");
        }
    }
}
