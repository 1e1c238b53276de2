package ai.lychee.rerank.functions.http.cohere;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the fields our validation names ({@code documents[2].image_url}) to where a Cohere / Jina / vLLM client put
 * them ({@code documents[2].image}, {@code documents[2].content[1].image_url.url}, or {@code documents[2]} for a
 * plain string).
 */
final class CompatFields {

    private static final Pattern ENTRY = Pattern.compile("(query|documents\\[(\\d+)])(\\..*)?");

    private CompatFields() {
    }

    static UnaryOperator<String> of(CohereContent query, List<CohereContent> documents) {
        return field -> {
            Matcher m = ENTRY.matcher(field);
            if (!m.matches()) {
                return field;
            }
            CohereContent entry = m.group(2) == null ? query
                    : documents != null && Integer.parseInt(m.group(2)) < documents.size()
                    ? documents.get(Integer.parseInt(m.group(2))) : null;
            String suffix = m.group(3) == null ? "" : m.group(3);
            return entry == null ? field : m.group(1) + entry.clientSuffix(suffix);
        };
    }
}
