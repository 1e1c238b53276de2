package ai.lychee.rerank.functions.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/** Renders Jackson's reference path as the JSON path callers know, e.g. {@code documents[2].text}. */
public final class JsonPaths {

    private JsonPaths() {
    }

    public static String of(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            }
        }
        return out.toString();
    }
}
