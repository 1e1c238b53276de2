package ai.lychee.rerank.cluster;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** This machine's Redis, stopped and started as the fault tests need; always left running. */
final class Redis {

    /** The command CI starts Redis with. */
    static final List<String> START = List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1",
            "--port", "6379", "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log");

    private Redis() {
    }

    static boolean answers() {
        return exec(List.of("redis-cli", "-h", "127.0.0.1", "ping")).contains("PONG");
    }

    static void stop() {
        exec(List.of("redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"));
    }

    static void ensureRunning() {
        for (int attempt = 0; attempt < 50 && !answers(); attempt++) {
            if (attempt % 10 == 0) {
                exec(START);
            }
            LocalCluster.sleep(200);
        }
        if (!answers()) {
            throw new IllegalStateException("Redis could not be started again with: " + String.join(" ", START));
        }
    }

    private static String exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
