package ai.lychee.rerank.worker.lite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Text tasks of an evaluation set in ../shared/eval's format (one JSON task a line). */
public record EvalTasks(List<Task> tasks) {

    public record Doc(String id, String text) {
    }

    public record Task(String id, String query, List<Doc> docs, Map<String, Integer> qrels) {
        public int grade(String docId) {
            return qrels.getOrDefault(docId, 0);
        }
    }

    /** Reads up to {@code limit} tasks (every {@code stride}-th one, for a spread-out subset). */
    public static EvalTasks read(Path file, int limit, int stride) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Task> tasks = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null && tasks.size() < limit) {
                if (line.isBlank() || n++ % stride != 0) {
                    continue;
                }
                JsonNode t = json.readTree(line);
                List<Doc> docs = new ArrayList<>();
                for (JsonNode d : t.get("docs")) {
                    if (d.hasNonNull("text")) {
                        docs.add(new Doc(d.get("id").asText(), d.get("text").asText()));
                    }
                }
                Map<String, Integer> qrels = new LinkedHashMap<>();
                t.path("qrels").fields().forEachRemaining(e -> qrels.put(e.getKey(), e.getValue().asInt()));
                tasks.add(new Task(t.get("id").asText(), t.path("query").path("text").asText(""), docs, qrels));
            }
        }
        return new EvalTasks(tasks);
    }
}
