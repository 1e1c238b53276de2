package ai.lychee.rerank.functions.validation;

import com.code_intelligence.jazzer.driver.FuzzedDataProviderImpl;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns Jazzer crash files into bad-input corpus lines (embedded/src/test/resources/bad-inputs/corpus.jsonl):
 * the input is decoded exactly as the fuzz target decodes it, so the line replays the same request over HTTP.
 * The expected answer is "any 4xx" until whoever fixes the crash writes the precise status and field.
 * Used by {@code scripts/fuzz.sh}; arguments are crash files, output is one JSON line each on stdout.
 */
public final class FuzzFindings {

    private FuzzFindings() {
    }

    public static void main(String[] crashFiles) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String file : crashFiles) {
            Path path = Path.of(file);
            RequestParsingFuzzTest.Input input;
            try (FuzzedDataProviderImpl data = FuzzedDataProviderImpl.withJavaData(Files.readAllBytes(path))) {
                input = RequestParsingFuzzTest.Input.from(data);
            }
            ObjectNode line = json.createObjectNode()
                    .put("name", "fuzz-" + path.getFileName().toString().replaceFirst("^crash-", "").substring(0, 12))
                    .put("method", "POST")
                    .put("path", input.path())
                    .put("content_type", "application/json")
                    .put("body", input.body())
                    .put("status", "4xx")
                    .putNull("field")
                    .put("note", "found by scripts/fuzz.sh; set status and field once fixed");
            System.out.println(json.writeValueAsString(line));
        }
    }
}
