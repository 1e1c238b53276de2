package ai.lychee.rerank.transport.rabbitmq;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A delivery not yet settled, tied to the channel that made it. Delivery tags mean something only on that
 * channel: sent on another one, an ack either fails the channel ("unknown delivery tag", which returns every job
 * it holds to the queue) or settles a different message. So an ack or reject goes to the delivering channel
 * only, and once that channel has closed it is not sent at all: the broker has already put the message back for
 * another consumer, and the copy this consumer still works on ends as a duplicate the caller side ignores.
 * Settles once; later calls do nothing.
 */
final class HeldDelivery {

    private static final Logger LOG = Logger.getLogger(HeldDelivery.class);

    private final Channel channel;
    private final long tag;
    private final String what;
    private final Consumer<HeldDelivery> onSettled;
    private final AtomicBoolean settled = new AtomicBoolean();

    HeldDelivery(Channel channel, long tag, String what, Consumer<HeldDelivery> onSettled) {
        this.channel = channel;
        this.tag = tag;
        this.what = what;
        this.onSettled = onSettled;
    }

    /** Done with it: the broker forgets it. */
    CompletionStage<Void> ack() {
        return settle("acknowledged", () -> channel.basicAck(tag, false));
    }

    /**
     * Failed here. {@code basic.reject} (not {@code basic.nack}): RabbitMQ 4.3 counts only a reject as a failed
     * delivery toward the delivery limit; earlier versions count both.
     */
    CompletionStage<Void> reject(boolean requeue) {
        return settle(requeue ? "returned as failed" : "rejected", () -> channel.basicReject(tag, requeue));
    }

    private CompletionStage<Void> settle(String verb, ChannelCall call) {
        if (!settled.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        onSettled.accept(this);
        if (!channel.isOpen()) {
            LOG.debugf("%s not %s: the channel that delivered it has closed, so the broker already put it back", what, verb);
            return CompletableFuture.completedFuture(null);
        }
        try {
            call.run();
        } catch (IOException | AlreadyClosedException e) {
            LOG.debugf("%s not %s: its channel closed meanwhile (%s)", what, verb, e.getMessage());
        }
        return CompletableFuture.completedFuture(null);
    }

    private interface ChannelCall {
        void run() throws IOException;
    }
}
