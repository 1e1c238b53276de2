package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.worker.image.ImageEvidenceExtractor;
import io.quarkus.arc.Arc;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code lychee bench --images}: 20-document requests whose documents are photos never seen before
 * (so every image is decoded, read and labelled), through HTTP, with the image stages' times.
 */
final class ImageBench {

    private final PrintStream out;

    ImageBench(PrintStream out) {
        this.out = out;
    }

    void run(RerankClient http, Path imageFolder, int docs, int requests) throws IOException {
        List<Path> photos;
        try (Stream<Path> files = Files.list(imageFolder)) {
            photos = files.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|webp|gif|bmp)$")).sorted().toList();
        }
        if (photos.size() < docs * (requests + 1)) {
            requests = Math.max(1, photos.size() / docs - 1);
        }
        ImageEvidenceExtractor extractor = Arc.container().instance(ImageEvidenceExtractor.class).get();
        out.printf(Locale.ROOT, "image requests: %d documents with photos each, %d requests, labelers %s%n",
                docs, requests, extractor.labelersConfigured() ? "on" : "off");
        http.rerank(request(photos.subList(0, docs)));  // warm-up: loads the OCR and labeler models
        extractor.timings().reset();
        double[] total = new double[requests];
        for (int i = 0; i < requests; i++) {
            List<Path> batch = photos.subList((i + 1) * docs, (i + 2) * docs);
            RerankRequest request = request(batch);
            long t = System.nanoTime();
            http.rerank(request);
            total[i] = (System.nanoTime() - t) / 1e6;
        }
        Map<String, Double> stages = extractor.timings().millis();
        double stageSum = 0;
        for (Map.Entry<String, Double> stage : stages.entrySet()) {
            double perRequest = stage.getValue() / requests;
            stageSum += perRequest;
            out.printf(Locale.ROOT, "  %-28s %8.1f ms per request%n", stage.getKey(), perRequest);
        }
        double mean = java.util.Arrays.stream(total).average().orElse(0);
        out.printf(Locale.ROOT, "  %-28s %8.1f ms per request (the rest of the mean %.1f ms: scoring, transport)%n",
                "scoring+other", mean - stageSum, mean);
        out.println("end-to-end HTTP, 20 new photos: " + Percentiles.of(total).describe());
    }

    private static RerankRequest request(List<Path> photos) throws IOException {
        List<ContentInput> documents = new ArrayList<>();
        for (Path photo : photos) {
            documents.add(new ContentInput(null, null, Base64.getEncoder().encodeToString(Files.readAllBytes(photo))));
        }
        return new RerankRequest(ContentInput.ofText("a dog running on the grass"), documents, null, null, false);
    }
}
