package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.api.ContentInput;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One task of an evaluation set (the format of ../shared/eval): a query, its candidate documents with
 * ids, image paths relative to the set's folder. Images are read and sent as base64.
 */
record EvalTask(String id, ContentInput query, List<String> documentIds, List<ContentInput> documents) {

    static EvalTask from(JsonNode line, Path folder) {
        String id = line.path("id").asText();
        ContentInput query = content(line.path("query"), folder);
        List<String> ids = new ArrayList<>();
        List<ContentInput> documents = new ArrayList<>();
        for (JsonNode doc : line.path("docs")) {
            ids.add(doc.path("id").asText());
            documents.add(content(doc, folder));
        }
        return new EvalTask(id, query, ids, documents);
    }

    private static ContentInput content(JsonNode node, Path folder) {
        String text = node.hasNonNull("text") ? node.get("text").asText() : null;
        String image = null;
        if (node.hasNonNull("image")) {
            Path path = folder.resolve(node.get("image").asText());
            try {
                image = Base64.getEncoder().encodeToString(Files.readAllBytes(path));
            } catch (IOException e) {
                throw new CliException("cannot read image " + path + ": " + e.getMessage());
            }
        }
        return new ContentInput(text, null, image);
    }
}
