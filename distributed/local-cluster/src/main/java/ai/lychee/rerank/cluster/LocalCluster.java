package ai.lychee.rerank.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Functions and workers of the distributed mode as separate processes on this machine, started from
 * their packaged apps, against this machine's RabbitMQ and Redis. Each cluster gets its own RabbitMQ
 * virtual host and name prefix, so clusters (test runs) sharing a broker never see each other's queues,
 * and closing it deletes them. Used by the fault tests and the load command.
 */
public final class LocalCluster implements AutoCloseable {

    private final Path root;
    private final Path logs;
    private final String namespace;
    private final String vhost;
    private final List<Node> nodes = new ArrayList<>();

    public LocalCluster(Path root, String label) {
        this.root = root.toAbsolutePath();
        String run = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.namespace = "lychee-" + run;
        this.vhost = "lychee-" + run;
        this.logs = this.root.resolve("distributed/local-cluster/target/cluster-logs/" + run);
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RabbitMq.run("add_vhost", vhost);
        RabbitMq.run("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    public String namespace() {
        return namespace;
    }

    public String vhost() {
        return vhost;
    }

    /** A worker (lite scorer), ready once its model is loaded and it listens for jobs. */
    public Node startWorker(String name, Map<String, String> settings) {
        Path jar = root.resolve("distributed/worker-app/target/quarkus-app/quarkus-run.jar");
        return start(name, jar, "-Xmx1g", 0, settings, "lychee-worker-app");
    }

    /** A functions instance serving HTTP on a free port. */
    public Node startFunctions(String name, Map<String, String> settings) {
        Path jar = root.resolve("distributed/functions-app/target/quarkus-app/quarkus-run.jar");
        return start(name, jar, "-Xmx512m", freePort(), settings, "lychee-functions-app");
    }

    private Node start(String name, Path jar, String heap, int port, Map<String, String> settings, String startedMarker) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -B -q -DskipTests package)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), heap, "-XX:+UseSerialGC",
                "-Dai.djl.offline=true",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dlychee.transport.namespace=" + namespace,
                "-Drabbitmq-host=127.0.0.1",
                "-Drabbitmq-virtual-host=" + vhost,
                "-Dquarkus.redis.hosts=redis://127.0.0.1:6379"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Path log = logs.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Node node = new Node(name, process, port, log);
            nodes.add(node);
            node.awaitLogLine(startedMarker + " ", Duration.ofSeconds(120));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(Node::kill);
        try {
            RabbitMq.run("delete_vhost", vhost);
        } catch (RuntimeException e) {
            System.err.println("could not delete RabbitMQ vhost " + vhost + ": " + e.getMessage());
        }
    }

    /**
     * Cuts every broker connection of this cluster at once, as {@code rabbitmqctl close_all_connections} does for
     * the whole broker (and a network failure would). While the broker is restarting there is nothing to cut: the
     * cut waits (up to two minutes) until it is back, so faults that overlap land one after the other.
     *
     * @return how many connections the cluster had
     */
    public int cutBrokerConnections() {
        String listing = null;
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (listing == null) {
            try {
                listing = RabbitMq.run("list_connections", "-q", "--no-table-headers", "vhost");
            } catch (IllegalStateException brokerAway) {
                if (System.nanoTime() > giveUp) {
                    throw brokerAway;
                }
                sleep(1000);
            }
        }
        int connections = (int) listing.lines().map(String::trim).filter(vhost::equals).count();
        RabbitMq.run("close_all_connections", "--vhost", vhost, "--limit", "1000", "lychee fault test: connection cut");
        return connections;
    }

    /** Messages in this cluster's queue {@code <namespace>.<name>} (0 when there is none). */
    public long queued(String name) {
        return RabbitMq.messages(vhost, namespace + "." + name);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** One process of the cluster. */
    public static final class Node {
        private final String name;
        private final Process process;
        private final int port;
        private final Path log;

        Node(String name, Process process, int port, Path log) {
            this.name = name;
            this.process = process;
            this.port = port;
            this.log = log;
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** SIGKILL: no shutdown hook, no goodbye to the broker. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public String logText() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        void awaitLogLine(String marker, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                if (logText().contains(marker)) {
                    return;
                }
                sleep(200);
            }
            throw new IllegalStateException(name + " did not start within " + limit + ":\n" + tail());
        }

        private String tail() {
            String text = logText();
            return text.substring(Math.max(0, text.length() - 4000));
        }

        @Override
        public String toString() {
            return name + " (pid " + pid() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
