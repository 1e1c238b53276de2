package ai.lychee.rerank.embedded.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits a text into documents at lines that hold only {@code ---}, as the web page and CLI accept them. */
public final class DocumentSplitter {

    private DocumentSplitter() {
    }

    public static List<String> split(String text) {
        List<String> documents = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            if (line.strip().equals("---")) {
                add(documents, current);
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        add(documents, current);
        return documents;
    }

    private static void add(List<String> documents, StringBuilder current) {
        String document = current.toString().strip();
        if (!document.isEmpty()) {
            documents.add(document);
        }
    }
}
