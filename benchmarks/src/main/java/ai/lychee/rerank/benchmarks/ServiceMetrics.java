package ai.lychee.rerank.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Figures read from a service's Prometheus page, /q/metrics: sums of the samples of one metric matching a label. */
final class ServiceMetrics {

    private final String page;

    private ServiceMetrics(String page) {
        this.page = page;
    }

    static ServiceMetrics read(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /q/metrics answered " + r.statusCode());
        }
        return new ServiceMetrics(r.body());
    }

    /** Sum over the samples of {@code name} whose labels contain {@code labelPart} ("" for all); NaN if none. */
    double sum(String name, String labelPart) {
        double sum = 0;
        boolean found = false;
        for (String line : page.split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(labelPart)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }
}
