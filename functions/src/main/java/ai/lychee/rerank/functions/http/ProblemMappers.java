package ai.lychee.rerank.functions.http;

import ai.lychee.rerank.functions.dispatch.WorkerFailedException;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the HTTP surface returns is an RFC 7807 problem; these map each kind of failure to one. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return Problem.of(e.status(), e.getMessage(), e.field()).toResponse();
    }

    @ServerExceptionMapper
    public Response workerFailed(WorkerFailedException e) {
        LOG.warnf("scoring failed: %s", e.getMessage());
        return Problem.of(e.status(), e.getMessage(), null).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return Problem.of(400, "the body is not valid JSON: " + e.getOriginalMessage(), "body").toResponse();
    }

    /** Wrong types and the like: name the JSON path that did not fit. */
    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e) {
        if (e.getCause() instanceof JsonParseException || String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
            return Problem.of(400, "the body is not complete, valid JSON: " + e.getOriginalMessage(), "body").toResponse();
        }
        String field = JsonPaths.of(e.getPath());
        String detail = (field.isEmpty() ? "the body" : field) + " has the wrong type or shape: " + e.getOriginalMessage();
        return Problem.of(400, detail, field.isEmpty() ? "body" : field).toResponse();
    }

    /** Declared for the concrete types too, so they win over the framework's own mappers for them. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unmappableJson(e);
    }

    /** Unknown fields are refused on our own API so that a typo ("topn") is not silently ignored. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = JsonPaths.of(e.getPath());
        String known = e.getKnownPropertyIds() == null ? "" : "; known fields: " + e.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().reduce((a, b) -> a + ", " + b).orElse("");
        return Problem.of(400, "unknown field '" + e.getPropertyName() + "'" + known, field).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidJsonValue(InvalidFormatException e) {
        return unmappableJson(e);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return Problem.of(400, "the body could not be read as JSON: " + e.getOriginalMessage(), "body").toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = e.getMessage();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof JsonMappingException mapping ? unmappableJson(mapping) : otherJson(json);
        }
        return Problem.of(status, detail, null).toResponse();
    }

    /** A body that breaks off or a malformed multipart form: the client's bytes, not our failure. */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e) {
        return Problem.of(400, "the request body could not be read: " + e.getMessage(), "body").toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return Problem.of(500, "unexpected failure: " + e.getClass().getSimpleName(), null).toResponse();
    }
}
