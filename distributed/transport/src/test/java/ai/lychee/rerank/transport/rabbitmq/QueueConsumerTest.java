package ai.lychee.rerank.transport.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.smallrye.mutiny.Multi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * The consumer against this machine's RabbitMQ: deliveries are settled on the channel that made them, never on
 * the one that replaced it after a reconnect. Before this connector the late ack of a job went out on the new
 * channel under its old delivery tag, settling another job there or failing the channel ("unknown delivery
 * tag"), which returned every job on it and counted each return toward the quorum queue's delivery limit.
 */
class QueueConsumerTest {

    private static final String QUEUE = "jobs";

    @Test
    void aLateAckAfterTheConnectionWasCutSettlesNothingOnTheNewChannel() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (TestBroker broker = TestBroker.create().createVhost();
             BrokerLink link = new BrokerLink("test consume", broker.settings(), scheduler)) {
            QueueTopology topology = new QueueTopology("jobs-x", "topic", true, QUEUE, true,
                    Map.of("x-queue-type", "quorum", "x-delivery-limit", 3L), List.of("#"), Map.of(), Optional.empty());
            QueueConsumer consumer = new QueueConsumer("jobs", topology, 4, false, false, null, link);
            BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
            Multi.createFrom().<Message<?>>emitter(consumer::start).subscribe().with(received::add);
            awaitQueue(broker);
            publish(broker, 4);

            List<Message<?>> first = take(received, 4);
            assertThat(first).allSatisfy(m -> assertThat(metadata(m).redelivered()).isFalse());
            assertThat(broker.cutConnections()).isPositive();
            List<Message<?>> again = take(received, 4);
            assertThat(again).as("redelivered on the new channel").allSatisfy(m -> {
                assertThat(metadata(m).redelivered()).isTrue();
                assertThat(metadata(m).returns()).isEqualTo(1);
            });

            first.forEach(Message::ack); // late: their channel is gone
            Thread.sleep(1_500);
            assertThat(received).as("no channel failed, so nothing was delivered again").isEmpty();
            assertThat(consumer.unsettled()).isEqualTo(4);

            // Had the late acks gone out on the new channel, they would have settled these four: cut again and
            // all four must come back (the broker's own account, not its lagging queue statistics).
            assertThat(broker.cutConnections()).isPositive();
            List<Message<?>> third = take(received, 4);
            assertThat(third).allSatisfy(m -> assertThat(metadata(m).returns()).isEqualTo(2));
            again.forEach(Message::ack); // late too
            third.forEach(Message::ack);
            Thread.sleep(1_000);
            assertThat(consumer.unsettled()).isZero();
            assertThat(broker.cutConnections()).isPositive();
            assertThat(received.poll(3, TimeUnit.SECONDS)).as("all settled: nothing comes back after another cut").isNull();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aBodyThatDoesNotDecodeIsDeadLetteredAtOnceAndTheConsumerGoesOn() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (TestBroker broker = TestBroker.create().createVhost();
             BrokerLink link = new BrokerLink("test consume", broker.settings(), scheduler)) {
            QueueTopology topology = new QueueTopology("jobs-x", "topic", true, QUEUE, true,
                    Map.of("x-queue-type", "quorum", "x-delivery-limit", 3L, "x-dead-letter-exchange", "dead",
                            "x-dead-letter-routing-key", QUEUE),
                    List.of("#"), Map.of(), Optional.of(new QueueTopology.DeadLetters("dead", "direct", QUEUE,
                            Optional.of("jobs.dlq"), Optional.empty())));
            QueueConsumer consumer = new QueueConsumer("jobs", topology, 4, false, false, body -> {
                String text = new String(body, StandardCharsets.UTF_8);
                if (!text.startsWith("job")) {
                    throw new IllegalArgumentException("not a job: " + text);
                }
                return text;
            }, link);
            BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
            Multi.createFrom().<Message<?>>emitter(consumer::start).subscribe().with(received::add);
            awaitQueue(broker);
            try (Connection connection = broker.settings().connectionFactory().newConnection(); Channel channel = connection.createChannel()) {
                for (String body : List.of("job 1", "garbage", "job 2")) {
                    channel.basicPublish("jobs-x", "k", new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                            body.getBytes(StandardCharsets.UTF_8));
                }
            }
            List<Message<?>> jobs = take(received, 2);
            assertThat(jobs.stream().map(m -> (Object) m.getPayload()).toList()).containsExactly("job 1", "job 2");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (broker.counts("jobs.dlq")[0] == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(broker.counts("jobs.dlq")[0]).as("the undecodable body, dead-lettered after one delivery").isEqualTo(1);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static DeliveryMetadata metadata(Message<?> message) {
        return message.getMetadata(DeliveryMetadata.class).orElseThrow();
    }

    private static void awaitQueue(TestBroker broker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!TestBroker.ctl("list_queues", "-q", "-p", broker.vhost, "name").contains(QUEUE) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static void publish(TestBroker broker, int count) throws Exception {
        try (Connection connection = broker.settings().connectionFactory().newConnection(); Channel channel = connection.createChannel()) {
            for (int i = 0; i < count; i++) {
                channel.basicPublish("jobs-x", "k", new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        ("job " + i).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static List<Message<?>> take(BlockingQueue<Message<?>> received, int count) throws InterruptedException {
        List<Message<?>> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message<?> message = received.poll(30, TimeUnit.SECONDS);
            assertThat(message).as("delivery %d of %d", i + 1, count).isNotNull();
            taken.add(message);
        }
        return taken;
    }
}
