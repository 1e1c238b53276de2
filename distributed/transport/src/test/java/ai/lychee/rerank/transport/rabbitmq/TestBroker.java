package ai.lychee.rerank.transport.rabbitmq;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * This machine's RabbitMQ (127.0.0.1:5672, guest) for the connector's tests, in a virtual host of the test's own
 * that closing deletes; administered with {@code rabbitmqctl}. Absent, the tests are skipped, except on CI.
 */
final class TestBroker implements AutoCloseable {

    final String vhost = "lychee-transport-test-" + UUID.randomUUID().toString().substring(0, 8);

    static TestBroker create() {
        boolean up;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 500);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        if (System.getenv("CI") == null) {
            assumeTrue(up, "no RabbitMQ on 127.0.0.1:5672: skipping the connector's broker tests (see docs/distributed.md)");
        }
        return new TestBroker();
    }

    /** Settings for this vhost, created or not. */
    BrokerSettings settings() {
        return new BrokerSettings("127.0.0.1", 5672, "guest", "guest", vhost, false, Duration.ofMillis(200));
    }

    TestBroker createVhost() {
        ctl("add_vhost", vhost);
        ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        return this;
    }

    /** Closes every connection to this vhost from the broker's side, as a network cut would. */
    int cutConnections() {
        int cut = 0;
        for (String line : ctl("list_connections", "-q", "--no-table-headers", "pid", "vhost").split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[1].equals(vhost)) {
                ctl("close_connection", columns[0], "transport test: connection cut");
                cut++;
            }
        }
        return cut;
    }

    /**
     * {@code messages_ready} and {@code messages_unacknowledged} of a queue. A quorum queue's figures can be missing
     * from a listing for a moment after connections churn, so it asks again rather than read them as zero.
     */
    long[] counts(String queue) {
        String listing = "";
        for (int attempt = 0; attempt < 50; attempt++) {
            listing = ctl("list_queues", "-q", "--no-table-headers", "-p", vhost, "name", "messages_ready", "messages_unacknowledged");
            for (String line : listing.split("\n")) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length == 3 && columns[0].equals(queue) && columns[1].matches("\\d+") && columns[2].matches("\\d+")) {
                    return new long[] {Long.parseLong(columns[1]), Long.parseLong(columns[2])};
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("queue " + queue + " is not in the listing: " + listing);
    }

    @Override
    public void close() {
        try {
            ctl("delete_vhost", vhost);
        } catch (IllegalStateException e) {
            // never created
        }
    }

    static String ctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is not usable here: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
