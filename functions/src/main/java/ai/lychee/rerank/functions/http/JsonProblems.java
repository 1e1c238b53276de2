package ai.lychee.rerank.functions.http;

import ai.lychee.rerank.functions.validation.InvalidRequestException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What was wrong with a JSON request Jackson could not read, as the 400 callers see: the JSON path at fault
 * ({@code query.text}, {@code documents[2]}) when the value had the wrong type or shape, or the whole body when
 * it is not JSON at all. One place for every entry (HTTP bodies, the multipart {@code request} part, the
 * event-driven entry), so each names fields the same way.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** @param whole the field to name when the fault is the JSON itself ({@code body}, {@code request}) */
    public static InvalidRequestException of(JsonProcessingException e, String whole) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : "; known fields: " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().reduce((a, b) -> a + ", " + b).orElse("");
            return InvalidRequestException.badRequest(JsonPaths.of(unknown.getPath()),
                    "unknown field '" + unknown.getPropertyName() + "'" + known);
        }
        if (e instanceof JsonMappingException mapping && !(e.getCause() instanceof JsonParseException)
                && !String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
            String field = JsonPaths.of(mapping.getPath());
            return InvalidRequestException.badRequest(field.isEmpty() ? whole : field,
                    (field.isEmpty() ? "the " + whole : field) + " has the wrong type or shape: " + e.getOriginalMessage());
        }
        if (e instanceof JsonMappingException) {
            return InvalidRequestException.badRequest(whole, "the " + whole + " is not complete, valid JSON: " + e.getOriginalMessage());
        }
        if (e instanceof JsonParseException) {
            return InvalidRequestException.badRequest(whole, "the " + whole + " is not valid JSON: " + e.getOriginalMessage());
        }
        return InvalidRequestException.badRequest(whole, "the " + whole + " could not be read as JSON: " + e.getOriginalMessage());
    }
}
