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
        return json(e);
    }

    /** Wrong types and the like: name the JSON path that did not fit. */
    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e) {
        return json(e);
    }

    /** Declared for the concrete types too, so they win over the framework's own mappers for them. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response invalidJsonValue(InvalidFormatException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = e.getMessage();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        return Problem.of(status, detail, null).toResponse();
    }

    /** A body that breaks off or a malformed multipart form: the client's bytes, not our failure. */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e) {
        return Problem.of(400, "the request body could not be read: " + e.getMessage(), "body").toResponse();
    }

    private static Response json(JsonProcessingException e) {
        InvalidRequestException invalid = JsonProblems.of(e, "body");
        return Problem.of(invalid.status(), invalid.getMessage(), invalid.field()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return Problem.of(500, "unexpected failure: " + e.getClass().getSimpleName(), null).toResponse();
    }
}
