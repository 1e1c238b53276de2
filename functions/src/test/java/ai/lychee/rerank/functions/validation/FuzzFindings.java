package ai.lychee.rerank.functions.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes each input that crashes the fuzz target as a bad-input corpus line
 * (embedded/src/test/resources/bad-inputs/corpus.jsonl format) to the file named by the system property
 * {@code lychee.fuzz.findings}, which {@code scripts/fuzz.sh} sets and then appends to the corpus. The line
 * replays the same request over HTTP; its expected answer is "any 4xx" until whoever fixes the crash writes
 * the precise status and field. Without the property (plain {@code ./mvnw verify}) nothing is written.
 */
final class FuzzFindings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FuzzFindings() {
    }

    static synchronized void record(RequestParsingFuzzTest.Input input, Throwable failure) {
        String file = System.getProperty("lychee.fuzz.findings");
        if (file == null) {
            return;
        }
        ObjectNode line = JSON.createObjectNode()
                .put("name", "fuzz-" + Integer.toHexString(input.body().hashCode()) + "-" + failure.getClass().getSimpleName())
                .put("method", "POST")
                .put("path", input.path())
                .put("content_type", "application/json")
                .put("body", input.body())
                .put("status", "4xx")
                .putNull("field")
                .put("note", "found by scripts/fuzz.sh: " + failure + "; set status and field once fixed");
        try {
            Files.writeString(Path.of(file), JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write fuzz finding to " + file, e);
        }
    }
}
