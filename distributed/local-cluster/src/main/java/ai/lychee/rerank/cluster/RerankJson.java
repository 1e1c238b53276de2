package ai.lychee.rerank.cluster;

import java.util.List;
import java.util.stream.Collectors;

/** The JSON of a {@code POST /api/rerank} body, written by hand so this module needs only the JDK. */
public final class RerankJson {

    private RerankJson() {
    }

    public static String request(String query, List<String> documents) {
        return "{\"query\":" + quote(query) + ",\"documents\":["
                + documents.stream().map(RerankJson::quote).collect(Collectors.joining(",")) + "]}";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
