package ai.lychee.rerank.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Queries and MS MARCO passages of TREC DL19 (../shared/eval/text/dl19.jsonl): the texts every figure is taken on. */
record Passages(List<Task> tasks) {

    record Task(String query, List<String> documents) {
    }

    static Passages read(Path file, int docsPerTask) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no DL19 tasks at " + file + " (give --tasks FILE in ../shared/eval's format)");
        }
        ObjectMapper json = new ObjectMapper();
        List<Task> tasks = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode t = json.readTree(line);
            List<String> docs = new ArrayList<>();
            for (JsonNode d : t.path("docs")) {
                if (d.hasNonNull("text") && docs.size() < docsPerTask) {
                    docs.add(d.get("text").asText());
                }
            }
            String query = t.path("query").path("text").asText("");
            if (!query.isEmpty() && docs.size() == docsPerTask) {
                tasks.add(new Task(query, docs));
            }
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no task in " + file + " has " + docsPerTask + " text documents");
        }
        return new Passages(tasks);
    }

    Task task(int i) {
        return tasks.get(i % tasks.size());
    }
}
