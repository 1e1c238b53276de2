package ai.lychee.rerank.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged embedded app run the way a user runs it ({@code java -jar quarkus-run.jar load --port P}), in its
 * own process, timed from launch to its "Running on local URL" line and to the first 200 from /q/health/ready.
 */
final class ServiceProcess implements AutoCloseable {

    record Start(double bannerMillis, double readyMillis) {
    }

    private final Process process;
    private final Start start;
    private final String base;

    private ServiceProcess(Process process, Start start, String base) {
        this.process = process;
        this.start = start;
        this.base = base;
    }

    static ServiceProcess launch(Path jar, int port, List<String> jvmOptions, HttpClient http) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "load", "--port", Integer.toString(port)));
        String base = "http://localhost:" + port;
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Double> banner = new CompletableFuture<>();
        Thread reader = new Thread(() -> watch(process, t0, banner), "service-output");
        reader.setDaemon(true);
        reader.start();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + " before it was ready");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    double readyMillis = (System.nanoTime() - t0) / 1e6;
                    double bannerMillis = banner.get(30, TimeUnit.SECONDS);
                    return new ServiceProcess(process, new Start(bannerMillis, readyMillis), base);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service was not ready within 120 s");
    }

    /** Completes {@code banner} at the service's "Running on local URL" line; keeps draining its output after. */
    private static void watch(Process process, long t0, CompletableFuture<Double> banner) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!banner.isDone() && line.startsWith("Running on local URL")) {
                    banner.complete((System.nanoTime() - t0) / 1e6);
                } else if (line.contains("ERROR")) {
                    System.err.println("  service: " + line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        banner.complete(Double.NaN);
    }

    Start start() {
        return start;
    }

    String base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM (the service's orderly shutdown), then a kill if it lingers. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
