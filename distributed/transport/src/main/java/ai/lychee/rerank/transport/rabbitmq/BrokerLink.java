package ai.lychee.rerank.transport.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One connection to the broker that comes back by itself: when it is lost (broker restart, connections closed,
 * network cut) it is opened again every reconnect interval, for ever, and every {@link Session} sets up its own
 * channel on the new connection. Channels are never carried over from a lost connection: a delivery belongs to
 * the channel that made it, and that channel is gone (see {@link HeldDelivery}).
 */
final class BrokerLink implements AutoCloseable {

    /** A consumer or publisher living on this link: opens its channel on each new connection. */
    interface Session {
        /** Sets up on a new connection; throwing tries again after the reconnect interval. */
        void open(Connection connection) throws IOException;
    }

    private static final Logger LOG = Logger.getLogger(BrokerLink.class);

    private final String name;
    private final BrokerSettings settings;
    private final ConnectionFactory factory;
    private final ScheduledExecutorService scheduler;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    /** The connection each session last opened on: a session attached while connecting is opened once. */
    private final Map<Session, Connection> openedOn = new ConcurrentHashMap<>();
    private volatile Connection connection;
    private volatile boolean started;
    private volatile boolean closed;
    /**
     * When the current outage began (nanoTime), 0 while connected: one warning per outage, one line when it is
     * over. Only the scheduler's thread touches it.
     */
    private long outageSince;
    private boolean warned;

    BrokerLink(String name, BrokerSettings settings, ScheduledExecutorService scheduler) {
        this.name = name;
        this.settings = settings;
        this.factory = settings.connectionFactory();
        this.scheduler = scheduler;
    }

    synchronized void attach(Session session) {
        sessions.add(session);
        if (!started) {
            started = true;
            scheduler.execute(this::connect);
            return;
        }
        Connection current = connection;
        if (current != null && current.isOpen()) {
            scheduler.execute(() -> open(session, current, false));
        }
    }

    /** Opens the session again on the same connection later, if that connection is still the live one. */
    void reopenLater(Session session, Connection on) {
        if (closed) {
            return;
        }
        scheduler.schedule(() -> {
            if (!closed && on == connection && on.isOpen()) {
                open(session, on, true);
            }
        }, settings.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isConnected() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    private void connect() {
        if (closed || isConnected()) {
            return;
        }
        if (connection != null && outageSince == 0) {
            outageSince = System.nanoTime();
        }
        try {
            Connection opened = factory.newConnection(name);
            connection = opened;
            // Added after it became the live one: a connection already closed again calls it at once.
            opened.addShutdownListener(cause -> onLost(opened, cause));
            warned = false;
            if (outageSince != 0) {
                LOG.infof("%s: connected to %s again after %d ms", name, settings,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageSince));
                outageSince = 0;
            }
            for (Session session : sessions) {
                open(session, opened, false);
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (outageSince == 0 || !warned) {
                outageSince = outageSince == 0 ? System.nanoTime() : outageSince;
                warned = true;
                LOG.warnf("%s: cannot reach the broker at %s (%s); trying again every %d ms", name, settings, e,
                        settings.reconnectInterval().toMillis());
            }
            scheduler.schedule(this::connect, settings.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** @param again whether the session's channel on this same connection closed and is opened anew */
    private void open(Session session, Connection on, boolean again) {
        if (!again && openedOn.put(session, on) == on) {
            return;
        }
        try {
            session.open(on);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%s: could not set up on the broker (%s); trying again", name, e.getMessage());
            reopenLater(session, on);
        }
    }

    private void onLost(Connection lost, ShutdownSignalException cause) {
        if (closed || lost != connection) {
            return;
        }
        LOG.warnf("%s: connection to the broker lost (%s); reconnecting every %d ms", name, cause.getMessage(),
                settings.reconnectInterval().toMillis());
        scheduler.execute(this::connect);
    }

    @Override
    public void close() {
        closed = true;
        Connection current = connection;
        if (current != null && current.isOpen()) {
            try {
                current.close(2_000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("%s: closing the connection: %s", name, e.getMessage());
            }
        }
    }
}
