package ai.lychee.rerank.functions.aws;

import ai.lychee.rerank.functions.http.JsonPaths;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads request bodies out of events as strictly as the HTTP API reads them (the application's ObjectMapper:
 * unknown fields, fractions for integers and trailing data are errors); what does not fit is a 400 whose
 * field is the JSON path at fault, so it becomes a rejected result and not a retry.
 */
@ApplicationScoped
public class RequestBodies {

    private final ObjectMapper json;

    public RequestBodies(ObjectMapper json) {
        this.json = json;
    }

    /** The message body as a JSON object. */
    public JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw InvalidRequestException.badRequest("body", "the message body is empty: send the JSON body of POST /api/rerank or /api/score");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.badRequest("body", "the message body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!tree.isObject()) {
            throw InvalidRequestException.badRequest("body", "the message body is JSON but not an object: send the JSON body of "
                    + "POST /api/rerank or /api/score");
        }
        return tree;
    }

    /** The tree as a request record; {@code prefix} is where the tree sits in the event ("" or "detail."). */
    public <T> T read(JsonNode tree, Class<T> type, String prefix) {
        try {
            return json.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw InvalidRequestException.badRequest(prefix + JsonPaths.of(e.getPath()),
                    "unknown field '" + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            String path = JsonPaths.of(e.getPath());
            String field = path.isEmpty() ? (prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1)) : prefix + path;
            throw InvalidRequestException.badRequest(field, field + " has the wrong type or shape: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.badRequest(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "the request could not be read: " + e.getOriginalMessage());
        }
    }
}
