package ai.lychee.rerank.functions.http;

import ai.lychee.rerank.functions.validation.InvalidRequestException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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

    /** What a value of a scalar type must look like in JSON; null for other types (Jackson's message says it). */
    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return null;
    }

    /** The JSON kind of the value that did not fit, from what Jackson reports about it. */
    private static String given(JsonMappingException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            Object value = invalid.getValue();
            return value instanceof Boolean ? "a boolean (" + value + ")"
                    : value instanceof Number ? "a number (" + value + ")" : "\"" + value + "\"";
        }
        String message = String.valueOf(e.getOriginalMessage());
        return message.contains("Array value") || message.contains("START_ARRAY") ? "an array"
                : message.contains("Object value") || message.contains("START_OBJECT") ? "an object"
                : "that (" + message + ")";
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
            String name = field.isEmpty() ? "the " + whole : field;
            String expected = e instanceof MismatchedInputException mismatch ? expected(mismatch.getTargetType()) : null;
            return InvalidRequestException.badRequest(field.isEmpty() ? whole : field, expected != null
                    ? name + " must be " + expected + ", not " + given(mapping)
                    : name + " has the wrong type or shape: " + e.getOriginalMessage());
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
