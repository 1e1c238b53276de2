package ai.lychee.rerank.transport.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Where the broker is and how to log in, from the keys every deployment already sets ({@code rabbitmq-host},
 * {@code RABBITMQ_HOST} as an environment variable, ...). Reconnection is ours (see {@link BrokerLink}), so the
 * client's own automatic recovery is off: it would redeliver on a recovered channel under new delivery tags.
 */
record BrokerSettings(String host, int port, String username, String password, String virtualHost, boolean ssl,
                      Duration reconnectInterval) {

    static BrokerSettings from(Config config) {
        return new BrokerSettings(
                config.getOptionalValue("rabbitmq-host", String.class).orElse("localhost"),
                config.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672),
                config.getOptionalValue("rabbitmq-username", String.class).orElse("guest"),
                config.getOptionalValue("rabbitmq-password", String.class).orElse("guest"),
                config.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/"),
                config.getOptionalValue("rabbitmq-ssl", Boolean.class).orElse(false),
                Duration.ofSeconds(config.getOptionalValue("rabbitmq-reconnect-interval", Integer.class).orElse(1)));
    }

    ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(5_000);
        // A peer that vanished without closing its socket (a partition, a frozen VM) is noticed within ~20 s.
        factory.setRequestedHeartbeat(10);
        factory.setExceptionHandler(new QuietConnectionErrors());
        if (ssl) {
            try {
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("TLS is not available in this JVM", e);
            }
        }
        return factory;
    }

    /** A connection reset is how every cut or broker restart looks; {@link BrokerLink} reports those once. */
    private static final class QuietConnectionErrors extends ForgivingExceptionHandler {
        @Override
        public void handleUnexpectedConnectionDriverException(Connection connection, Throwable exception) {
            Logger.getLogger(BrokerSettings.class).debugf("connection error: %s", exception.getMessage());
        }
    }

    @Override
    public String toString() {
        return (ssl ? "amqps://" : "amqp://") + username + "@" + host + ":" + port + "/" + virtualHost;
    }
}
