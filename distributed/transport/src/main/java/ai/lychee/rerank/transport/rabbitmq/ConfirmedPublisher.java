package ai.lychee.rerank.transport.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes one outbound channel's messages, each acknowledged to its sender only once the broker confirmed it
 * (publisher confirms) and nacked only once its deadline passed unsent. While the broker is away messages wait;
 * when a connection is lost, those sent but not yet confirmed are sent again on the next one, so a broker
 * restart or a cut connection costs no message (a few may arrive twice: receivers match them by id). Sending
 * happens on this publisher's own thread, never the caller's: a broker that blocks publishers (memory alarm)
 * must not block an HTTP thread.
 */
final class ConfirmedPublisher implements BrokerLink.Session, Flow.Subscriber<Message<?>> {

    private static final Logger LOG = Logger.getLogger(ConfirmedPublisher.class);
    private static final int PERSISTENT = 2;

    private final String name;
    private final QueueTopology topology;
    private final Duration publishTimeout;
    private final BrokerLink link;
    private final ExecutorService sender;
    /** Handed over by senders, not yet taken in line: adding never waits for the broker. */
    private final Queue<Outgoing> inbox = new ConcurrentLinkedQueue<>();
    /** Held while sending, which blocks when the broker blocks publishers. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Not on the wire, oldest first. Guarded by {@link #lock}. */
    private final Deque<Outgoing> waiting = new ArrayDeque<>();
    /** The channel messages go out on, with what it has sent and the broker not yet confirmed. Guarded by lock. */
    private Generation current;
    private final AtomicBoolean sendScheduled = new AtomicBoolean();

    /** One message until the broker confirms it. */
    private record Outgoing(Message<?> message, byte[] body, PublishMetadata address, long deadlineNanos) {
        long millisLeft() {
            return (deadlineNanos - System.nanoTime()) / 1_000_000;
        }
    }

    /** One channel's life: what it sent, by publish sequence number, awaiting the broker's confirm. */
    private record Generation(Channel channel, ConcurrentNavigableMap<Long, Outgoing> unconfirmed) {
    }

    ConfirmedPublisher(String name, QueueTopology topology, Duration publishTimeout, BrokerLink link, ExecutorService sender) {
        this.name = name;
        this.topology = topology;
        this.publishTimeout = publishTimeout;
        this.link = link;
        this.sender = sender;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        // Unbounded: a message waits here at most until its deadline.
        subscription.request(Long.MAX_VALUE);
        link.attach(this);
    }

    @Override
    public void onNext(Message<?> message) {
        PublishMetadata address = message.getMetadata(PublishMetadata.class).orElse(PublishMetadata.to(""));
        byte[] body;
        if (message.getPayload() instanceof byte[] bytes) {
            body = bytes;
        } else if (message.getPayload() instanceof String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
        } else {
            message.nack(new IllegalArgumentException(name + " sends bytes or text, not " + message.getPayload()));
            return;
        }
        long timeout = address.deadline() == null ? publishTimeout.toNanos()
                : Duration.between(Instant.now(), address.deadline()).toNanos();
        inbox.add(new Outgoing(message, body, address, System.nanoTime() + timeout));
        scheduleSend();
    }

    @Override
    public void onError(Throwable failure) {
        LOG.errorf(failure, "%s: the channel's stream failed", name);
    }

    @Override
    public void onComplete() {
    }

    @Override
    public void open(Connection connection) throws IOException {
        Channel opened = connection.createChannel();
        opened.confirmSelect();
        topology.declare(opened);
        Generation generation = new Generation(opened, new ConcurrentSkipListMap<>());
        opened.addConfirmListener((seq, multiple) -> confirmed(generation, seq, multiple, true),
                (seq, multiple) -> confirmed(generation, seq, multiple, false));
        opened.addShutdownListener(cause -> {
            lost(generation);
            if (!cause.isHardError() && !cause.isInitiatedByApplication()) {
                LOG.warnf("%s: channel closed by the broker (%s); opening it again", name, cause.getMessage());
                link.reopenLater(this, connection);
            }
        });
        lock.lock();
        try {
            current = generation;
        } finally {
            lock.unlock();
        }
        scheduleSend();
    }

    /** Messages not yet confirmed by the broker (waiting or on the wire). */
    int unconfirmed() {
        lock.lock();
        try {
            return inbox.size() + waiting.size() + (current == null ? 0 : current.unconfirmed().size());
        } finally {
            lock.unlock();
        }
    }

    /** Nacks what waited past its deadline; called periodically (skipped while a send is under way). */
    void dropExpired() {
        List<Outgoing> expired = new ArrayList<>();
        if (!lock.tryLock()) {
            return;
        }
        try {
            for (Iterator<Outgoing> it = waiting.iterator(); it.hasNext(); ) {
                Outgoing outgoing = it.next();
                if (outgoing.millisLeft() <= 0) {
                    it.remove();
                    expired.add(outgoing);
                }
            }
        } finally {
            lock.unlock();
        }
        for (Outgoing outgoing : expired) {
            outgoing.message().nack(new IllegalStateException("the broker could not be reached in time to send it"));
        }
        if (!expired.isEmpty()) {
            scheduleSend();
        }
    }

    private void scheduleSend() {
        if (sendScheduled.compareAndSet(false, true)) {
            sender.execute(() -> {
                sendScheduled.set(false);
                sendWaiting();
            });
        }
    }

    private void sendWaiting() {
        lock.lock();
        try {
            for (Outgoing handed = inbox.poll(); handed != null; handed = inbox.poll()) {
                waiting.addLast(handed);
            }
            Generation generation = current;
            if (generation == null || !generation.channel().isOpen()) {
                return;
            }
            while (!waiting.isEmpty()) {
                Outgoing outgoing = waiting.peekFirst();
                long left = outgoing.millisLeft();
                if (left <= 0) {
                    return; // dropExpired nacks it and those behind it go next time
                }
                long seq = generation.channel().getNextPublishSeqNo();
                generation.unconfirmed().put(seq, outgoing);
                try {
                    generation.channel().basicPublish(topology.exchange(), outgoing.address().routingKey(),
                            properties(outgoing.address(), left), outgoing.body());
                    waiting.pollFirst();
                } catch (IOException | AlreadyClosedException e) {
                    generation.unconfirmed().remove(seq);
                    return; // the channel is going: its shutdown listener puts everything back
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void confirmed(Generation generation, long seq, boolean multiple, boolean ack) {
        List<Outgoing> settled = new ArrayList<>();
        for (Long key : multiple ? generation.unconfirmed().headMap(seq, true).keySet() : List.of(seq)) {
            Outgoing outgoing = generation.unconfirmed().remove(key);
            if (outgoing != null) {
                settled.add(outgoing);
            }
        }
        if (ack) {
            settled.forEach(outgoing -> outgoing.message().ack());
            return;
        }
        // The broker could not take them (an internal error): send again while their deadlines allow.
        LOG.warnf("%s: the broker refused %d message(s); sending again", name, settled.size());
        lock.lock();
        try {
            settled.forEach(waiting::addFirst);
        } finally {
            lock.unlock();
        }
        scheduleSend();
    }

    /** The channel is gone: what it sent unconfirmed goes back to the front of the line, in order. */
    private void lost(Generation generation) {
        List<Outgoing> back = new ArrayList<>();
        for (Long key : generation.unconfirmed().keySet()) {
            Outgoing outgoing = generation.unconfirmed().remove(key);
            if (outgoing != null) {
                back.add(outgoing);
            }
        }
        lock.lock();
        try {
            if (current == generation) {
                current = null;
            }
            for (int i = back.size() - 1; i >= 0; i--) {
                waiting.addFirst(back.get(i));
            }
        } finally {
            lock.unlock();
        }
        if (!back.isEmpty()) {
            LOG.infof("%s: %d message(s) sent but not confirmed before the channel closed; they go again", name, back.size());
        }
    }

    private static AMQP.BasicProperties properties(PublishMetadata address, long millisLeft) {
        AMQP.BasicProperties.Builder props = new AMQP.BasicProperties.Builder()
                .deliveryMode(PERSISTENT)
                .contentType(address.contentType())
                .correlationId(address.correlationId())
                .messageId(address.messageId())
                .replyTo(address.replyTo())
                .headers(address.headers().isEmpty() ? null : address.headers());
        if (address.expiresAtDeadline()) {
            props.expiration(Long.toString(Math.max(1, millisLeft)));
        }
        return props.build();
    }
}
