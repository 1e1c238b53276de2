package ai.lychee.rerank.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** This machine's RabbitMQ administered through {@code rabbitmqctl} (needs root or the rabbitmq user). */
public final class RabbitMq {

    private RabbitMq() {
    }

    /**
     * Restarts the broker process, as an upgrade or a maintenance window does: every connection of every user
     * drops, durable queues come back from disk, others vanish. Stops the node itself rather than through the
     * init script, whose stop waits on a pid file that only exists when the init script started the node.
     *
     * @return how long the broker was away, in milliseconds
     */
    public static long restart() {
        long started = System.nanoTime();
        run("stop");
        try {
            exec(asRoot("service", "rabbitmq-server", "start"));
        } catch (IllegalStateException noInitScript) {
            // Where the node was not started through an init script (as on CI machines), start it the same way.
            exec(asRoot("rabbitmq-server", "-detached"));
        }
        run("await_startup", "--timeout", "120");
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String[] asRoot(String... command) {
        if (System.getProperty("user.name").equals("root")) {
            return command;
        }
        List<String> sudo = new ArrayList<>(List.of("sudo", "-n"));
        sudo.addAll(List.of(command));
        return sudo.toArray(String[]::new);
    }

    /** Messages waiting in a queue of a virtual host, 0 when it has none or the queue is not there. */
    static long messages(String vhost, String queue) {
        for (String line : run("list_queues", "-q", "--no-table-headers", "-p", vhost, "name", "messages").split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[0].equals(queue)) {
                return Long.parseLong(columns[1]);
            }
        }
        return 0;
    }

    static String run(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        return exec(command.toArray(String[]::new));
    }

    private static String exec(String... args) {
        List<String> command = List.of(args);
        try {
            // Output to a file, not a pipe: a daemon started by the command may keep a pipe open for ever.
            Path output = Files.createTempFile("rabbitmqctl", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                boolean ended = process.waitFor(150, TimeUnit.SECONDS);
                String out = Files.readString(output, StandardCharsets.UTF_8);
                if (!ended) {
                    process.destroyForcibly();
                }
                if (!ended || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
                }
                return out;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " is not usable here: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
