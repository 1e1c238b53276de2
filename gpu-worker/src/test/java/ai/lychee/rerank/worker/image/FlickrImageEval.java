package ai.lychee.rerank.worker.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes run files for the Flickr8k-CN image sets from image evidence alone (no text model: the lite scorer's
 * matcher replaces {@link #WORD_OVERLAP} once wired), and prints per-stage times for 20 images.
 * Usage: java ... FlickrImageEval SHARED_DIR OUT_DIR [labelers]
 */
public final class FlickrImageEval {
    /** Stand-in text matcher for OCR text: share of query words found in the text. */
    static final TextRelevance WORD_OVERLAP = (instruction, query, text) -> {
        String[] words = query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        String t = text.toLowerCase(Locale.ROOT);
        int n = 0;
        int hit = 0;
        for (String w : words) {
            if (w.length() > 2) {
                n++;
                hit += t.contains(w) ? 1 : 0;
            }
        }
        return n == 0 ? 0 : (double) hit / n;
    };

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        Path out = Path.of(args[1]);
        boolean labelers = args.length > 2 && args[2].equals("labelers");
        Files.createDirectories(out);
        ImageSettings settings = ImageSettings.defaults();
        if (labelers) {
            settings = settings.withLabelersIn(shared.resolve("models"));
        }
        Path dir = shared.resolve("eval/image/flickr8k-cn");
        ObjectMapper json = new ObjectMapper();
        try (ImageEvidenceExtractor extractor = new ImageEvidenceExtractor(settings)) {
            extractor.warmUp();
            stageTimes(extractor, dir, json);
            ImageRelevance relevance = new ImageRelevance(extractor, WORD_OVERLAP);
            for (String set : List.of("t2i-zh", "t2i-en", "i2t-zh", "i2t-en")) {
                Path run = out.resolve(set + (labelers ? "-labelers" : "-plain") + ".run.jsonl");
                try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
                    for (String line : Files.readAllLines(dir.resolve(set + ".jsonl"), StandardCharsets.UTF_8)) {
                        JsonNode task = json.readTree(line);
                        ObjectNode scores = json.createObjectNode();
                        JsonNode query = task.get("query");
                        for (JsonNode doc : task.get("docs")) {
                            double s;
                            if (query.has("image")) {
                                ImageEvidence q = evidence(extractor, dir, query.get("image").asText());
                                s = relevance.imageToText(null, q, doc.get("text").asText());
                            } else {
                                ImageEvidence d = evidence(extractor, dir, doc.get("image").asText());
                                s = relevance.textToImage(null, query.get("text").asText(), d);
                            }
                            scores.put(doc.get("id").asText(), s);
                        }
                        ObjectNode row = json.createObjectNode();
                        row.put("id", task.get("id").asText());
                        row.set("scores", scores);
                        w.write(json.writeValueAsString(row));
                        w.newLine();
                    }
                }
                System.out.println("wrote " + run);
            }
        }
    }

    private static ImageEvidence evidence(ImageEvidenceExtractor extractor, Path dir, String image) throws Exception {
        return extractor.extract(Files.readAllBytes(dir.resolve(image)), image);
    }

    /** Per-stage times for the 20 images of the first t2i task, cold (nothing cached). */
    private static void stageTimes(ImageEvidenceExtractor extractor, Path dir, ObjectMapper json) throws Exception {
        String first = Files.readAllLines(dir.resolve("t2i-en.jsonl"), StandardCharsets.UTF_8).get(1);
        JsonNode task = json.readTree(first);
        List<byte[]> images = new ArrayList<>();
        for (Iterator<JsonNode> it = task.get("docs").elements(); it.hasNext(); ) {
            images.add(Files.readAllBytes(dir.resolve(it.next().get("image").asText())));
        }
        extractor.timings().reset();
        long t0 = System.nanoTime();
        List<ImageEvidence> evidence = new ArrayList<>();
        for (byte[] img : images) {
            evidence.add(extractor.extract(img, "stage-" + evidence.size()));
        }
        long extract = System.nanoTime() - t0;
        ImageRelevance relevance = new ImageRelevance(extractor, WORD_OVERLAP);
        long t1 = System.nanoTime();
        for (ImageEvidence e : evidence) {
            relevance.textToImage(null, task.get("query").get("text").asText(), e);
            relevance.imageToImage(evidence.get(0), e);
        }
        long scoring = System.nanoTime() - t1;
        Map<String, Double> ms = extractor.timings().millis();
        System.out.printf(Locale.ROOT, "20 images, cold: total %.0f ms; %s; scoring (text+image-image) %.1f ms%n",
                extract / 1e6, ms, scoring / 1e6);
        extractor.timings().reset();
    }
}
