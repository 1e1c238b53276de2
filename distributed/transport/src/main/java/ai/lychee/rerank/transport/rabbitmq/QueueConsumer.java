package ai.lychee.rerank.transport.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Feeds one inbound channel from one queue. On each new connection it opens a fresh channel, declares its
 * {@link QueueTopology} and consumes with the configured prefetch; every delivery becomes a message whose ack
 * and nack settle it on that same channel ({@link HeldDelivery}). A body that does not decode into the channel's
 * payload type is the message's own failure and is rejected at once (dead-lettered where the queue has a
 * dead-letter exchange): no delivery can make it decode.
 */
final class QueueConsumer implements BrokerLink.Session {

    private static final Logger LOG = Logger.getLogger(QueueConsumer.class);

    private final String name;
    private final QueueTopology topology;
    private final int prefetch;
    private final boolean autoAck;
    private final boolean requeueOnNack;
    private final Function<byte[], Object> decode;
    private final BrokerLink link;
    private final Set<HeldDelivery> unsettled = ConcurrentHashMap.newKeySet();
    private volatile MultiEmitter<? super Message<?>> emitter;
    private volatile Channel channel;
    private volatile String consumerTag;
    private volatile boolean stopping;

    QueueConsumer(String name, QueueTopology topology, int prefetch, boolean autoAck, boolean requeueOnNack,
                  Function<byte[], Object> decode, BrokerLink link) {
        this.name = name;
        this.topology = topology;
        this.prefetch = prefetch;
        this.autoAck = autoAck;
        this.requeueOnNack = requeueOnNack;
        this.decode = decode;
        this.link = link;
    }

    void start(MultiEmitter<? super Message<?>> downstream) {
        this.emitter = downstream;
        link.attach(this);
    }

    @Override
    public void open(Connection connection) throws IOException {
        if (stopping) {
            return;
        }
        Channel opened = connection.createChannel();
        try {
            if (prefetch > 0) {
                opened.basicQos(prefetch);
            }
            topology.declare(opened);
            opened.addShutdownListener(cause -> {
                if (!cause.isHardError() && !cause.isInitiatedByApplication() && !stopping) {
                    LOG.warnf("%s: channel closed by the broker (%s); opening it again", name, cause.getMessage());
                    link.reopenLater(this, connection);
                }
            });
            channel = opened;
            consumerTag = opened.basicConsume(topology.queue(), autoAck, new Deliveries(opened, connection));
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened);
            throw e;
        }
    }

    /** Deliveries held and not yet settled (acknowledged or rejected). */
    int unsettled() {
        return unsettled.size();
    }

    boolean settlesByHand() {
        return !autoAck;
    }

    /** Takes no more deliveries; those in hand can still be settled. */
    void stopConsuming() {
        stopping = true;
        Channel current = channel;
        String tag = consumerTag;
        if (current != null && current.isOpen() && tag != null) {
            try {
                current.basicCancel(tag);
            } catch (IOException | AlreadyClosedException e) {
                LOG.debugf("%s: cancelling the consumer: %s", name, e.getMessage());
            }
        }
    }

    /** Waits, up to {@code limit}, until every delivery in hand is settled. */
    boolean awaitSettled(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!unsettled.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return unsettled.isEmpty();
    }

    private final class Deliveries extends DefaultConsumer {
        private final Connection connection;

        Deliveries(Channel channel, Connection connection) {
            super(channel);
            this.connection = connection;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            DeliveryMetadata metadata = new DeliveryMetadata(envelope.getExchange(), envelope.getRoutingKey(),
                    envelope.isRedeliver(), properties);
            String what = name + " message " + metadata.correlationId().or(metadata::messageId).orElse("#" + envelope.getDeliveryTag());
            HeldDelivery held = new HeldDelivery(getChannel(), envelope.getDeliveryTag(), what, unsettled::remove);
            Object payload = body;
            if (decode != null) {
                try {
                    payload = decode.apply(body);
                } catch (RuntimeException e) {
                    LOG.warnf("%s does not decode and is set aside: %s", what, e.getMessage());
                    if (!autoAck) {
                        held.reject(false);
                    }
                    return;
                }
            }
            if (autoAck) {
                emitter.emit(Message.of(payload, Metadata.of(metadata)));
                return;
            }
            unsettled.add(held);
            emitter.emit(Message.of(payload, Metadata.of(metadata), held::ack, failure -> held.reject(requeueOnNack)));
        }

        @Override
        public void handleCancel(String tag) {
            // The broker ended the consumer (its queue was deleted, say): declare and consume again.
            if (!stopping) {
                LOG.warnf("%s: the broker cancelled the consumer; consuming again", name);
                closeQuietly(getChannel());
                link.reopenLater(QueueConsumer.this, connection);
            }
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | AlreadyClosedException e) {
            // already going
        }
    }
}
