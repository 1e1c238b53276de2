package ai.lychee.rerank.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The fault tests need the machine's own RabbitMQ (and rabbitmqctl) and Redis. On CI they are there and
 * their absence is a failure; on a developer's fresh machine the tests are skipped with a message saying
 * how to get them, so `./mvnw verify` still runs everything else.
 */
final class Services {

    private Services() {
    }

    static void requireRabbitMqAndRedis() {
        boolean up = listening(5672) && listening(6379);
        if (System.getenv("CI") != null) {
            if (!up) {
                throw new IllegalStateException("RabbitMQ (127.0.0.1:5672) and Redis (127.0.0.1:6379) must run for the fault tests");
            }
            return;
        }
        assumeTrue(up, "RabbitMQ on 127.0.0.1:5672 and Redis on 127.0.0.1:6379 are not both running: skipping the distributed"
                + " fault tests (sudo apt-get install -y rabbitmq-server redis-server; see docs/distributed.md)");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
