package ai.lychee.rerank.functions.http.cohere;

import ai.lychee.rerank.functions.RerankFunctions;
import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code POST /v1/rerank}: the Cohere/Jina-compatible route, translated to and from our rerank function. */
@Path("/v1/rerank")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CohereRerankResource {

    private final RerankFunctions functions;

    public CohereRerankResource(RerankFunctions functions) {
        this.functions = functions;
    }

    @POST
    @Blocking
    public Uni<CohereRerankResponse> rerank(CohereRerankRequest request) {
        if (request == null) {
            throw InvalidRequestException.badRequest("body", "the request body is missing: send a JSON object");
        }
        List<CohereContent> documents = request.documents();
        List<ContentInput> inputs = documents == null ? null
                : documents.stream().map(d -> d == null ? null : d.toInput()).toList();
        RerankRequest ours = new RerankRequest(request.query() == null ? null : request.query().toInput(),
                inputs, request.instruction(), request.topN(), false);
        boolean echo = Boolean.TRUE.equals(request.returnDocuments());
        return functions.rerank(ours).map(response -> new CohereRerankResponse(
                UUID.randomUUID().toString(),
                response.model(),
                response.results().stream()
                        .map(r -> new CohereRerankResponse.Result(r.index(), r.score(), echo ? documents.get(r.index()) : null))
                        .toList(),
                Map.of("api_version", Map.of("version", "1"), "billed_units", Map.of("search_units", 1)),
                Map.of("total_tokens", 0)));
    }
}
