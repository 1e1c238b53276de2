package ai.lychee.rerank.transport.rabbitmq;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.jboss.logging.Logger;

/**
 * The RabbitMQ connector of the distributed mode ({@code connector=lychee-rabbitmq}), on the official Java
 * client. It exists for what a general connector got wrong under faults: an ack sent after a reconnect went out
 * on the new channel with the old delivery tag (RabbitMQ closes that channel and returns every job on it, each
 * return counting toward the delivery limit), and publishing failed fast instead of waiting out a broker restart.
 * Here a delivery is settled only on the channel that delivered it ({@link HeldDelivery}), and a message waits
 * for the broker up to its deadline ({@link ConfirmedPublisher}).
 *
 * <p>Channel settings: inbound {@code queue.*}, {@code exchange.*}, {@code routing-keys}, {@code binding-arguments},
 * dead letters ({@link QueueTopology}); {@code max-outstanding-messages} (prefetch), {@code auto-acknowledgement},
 * {@code failure-strategy} ({@code reject}: a nacked message is dead-lettered; {@code requeue}: it goes back as a
 * failed delivery), {@code payload} (a class to read the JSON body into). Outbound {@code exchange.*} and
 * {@code publish-timeout} (seconds a message without its own deadline may wait for the broker, 60). The broker:
 * {@code rabbitmq-host|port|username|password|virtual-host|ssl|reconnect-interval} ({@link BrokerSettings}).
 * Consumers and publishers use one connection each.
 */
@ApplicationScoped
@Connector(RabbitMqConnector.NAME)
public class RabbitMqConnector implements InboundConnector, OutboundConnector {

    public static final String NAME = "lychee-rabbitmq";
    private static final Logger LOG = Logger.getLogger(RabbitMqConnector.class);
    /** On SIGTERM: how long jobs in hand may take to be answered and settled before the connections close. */
    private static final Duration DRAIN = Duration.ofSeconds(25);

    private final ObjectMapper json;
    private final List<QueueConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<ConfirmedPublisher> publishers = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> senders = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;
    private BrokerLink consuming;
    private BrokerLink publishing;

    public RabbitMqConnector(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        String channel = QueueTopology.channelName(config);
        boolean autoAck = config.getOptionalValue("auto-acknowledgement", Boolean.class).orElse(false);
        String strategy = config.getOptionalValue("failure-strategy", String.class).orElse("reject");
        if (!strategy.equals("reject") && !strategy.equals("requeue")) {
            throw new IllegalArgumentException("channel " + channel + ": failure-strategy is reject or requeue, not " + strategy);
        }
        QueueConsumer consumer = new QueueConsumer(channel, QueueTopology.forConsuming(config),
                config.getOptionalValue("max-outstanding-messages", Integer.class).orElse(0), autoAck,
                strategy.equals("requeue"), decoder(config), links().consuming);
        consumers.add(consumer);
        return Multi.createFrom().<Message<?>>emitter(consumer::start, BackPressureStrategy.BUFFER);
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        ExecutorService sender = Executors.newSingleThreadExecutor(daemon("lychee-rabbitmq-send-" + QueueTopology.channelName(config)));
        senders.add(sender);
        ConfirmedPublisher publisher = new ConfirmedPublisher(QueueTopology.channelName(config), QueueTopology.forPublishing(config),
                Duration.ofSeconds(config.getOptionalValue("publish-timeout", Integer.class).orElse(60)),
                links().publishing, sender);
        publishers.add(publisher);
        return publisher;
    }

    /**
     * SIGTERM: take no new deliveries, let those in hand be answered and settled, let what is being sent be
     * confirmed, then close. Jobs a worker still held after that go back to the queue for another worker.
     */
    void drain(@Observes ShutdownEvent event) {
        if (scheduler == null) {
            return;
        }
        long deadline = System.nanoTime() + DRAIN.toNanos();
        consumers.stream().filter(QueueConsumer::settlesByHand).forEach(QueueConsumer::stopConsuming);
        int inHand = consumers.stream().mapToInt(QueueConsumer::unsettled).sum();
        if (inHand > 0) {
            LOG.infof("stopping: taking no more messages; finishing the %d in hand", inHand);
        }
        for (QueueConsumer consumer : consumers) {
            if (consumer.settlesByHand() && !consumer.awaitSettled(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                LOG.warnf("stopping with %d deliveries unsettled: the broker gives them to another consumer", consumer.unsettled());
            }
        }
        while (publishers.stream().anyMatch(p -> p.unconfirmed() > 0) && System.nanoTime() < deadline) {
            sleep(50);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (consuming != null) {
            consuming.close();
            publishing.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        senders.forEach(ExecutorService::shutdownNow);
    }

    private synchronized RabbitMqConnector links() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(daemon("lychee-rabbitmq"));
            BrokerSettings settings = BrokerSettings.from(ConfigProvider.getConfig());
            consuming = new BrokerLink("lychee consume", settings, scheduler);
            publishing = new BrokerLink("lychee publish", settings, scheduler);
            scheduler.scheduleWithFixedDelay(() -> publishers.forEach(ConfirmedPublisher::dropExpired), 200, 200, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private Function<byte[], Object> decoder(Config config) {
        return config.getOptionalValue("payload", String.class).<Function<byte[], Object>>map(className -> {
            Class<?> type;
            try {
                type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("channel " + QueueTopology.channelName(config) + ": no payload class " + className, e);
            }
            return body -> {
                try {
                    return json.readValue(body, type);
                } catch (IOException e) {
                    throw new UncheckedIOException("the body is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
                }
            };
        }).orElse(null);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
