package ai.lychee.rerank.functions.lambda.events;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ virtual host of this run's own on the machine's broker (127.0.0.1:5672, through {@code rabbitmqctl}),
 * deleted afterwards, and a name prefix of its own: nothing of the broker's other users is touched.
 */
public class RabbitVhost implements QuarkusTestResourceLifecycleManager {

    private final String vhost = "lychee-lambda-events-" + UUID.randomUUID().toString().substring(0, 8);

    /** The broker answers on its port (what the test's enabling condition asks); on CI it must. */
    public static boolean brokerIsUp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
            return true;
        } catch (IOException e) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI is set but RabbitMQ is not on 127.0.0.1:5672", e);
            }
            System.err.println("RabbitMQ is not on 127.0.0.1:5672: skipping the event Lambda's no-worker test");
            return false;
        }
    }

    @Override
    public Map<String, String> start() {
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        return Map.of("rabbitmq-host", "127.0.0.1", "rabbitmq-virtual-host", vhost, "lychee.transport.namespace", vhost);
    }

    @Override
    public void stop() {
        rabbitmqctl("delete_vhost", vhost);
    }

    private static void rabbitmqctl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is not usable here: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
