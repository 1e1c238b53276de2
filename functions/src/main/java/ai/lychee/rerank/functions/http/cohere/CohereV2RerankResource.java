package ai.lychee.rerank.functions.http.cohere;

import ai.lychee.rerank.functions.http.ApiExamples;
import ai.lychee.rerank.functions.metrics.BusinessLines;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v2/rerank}: Cohere's v2 rerank, what its SDKs call today ({@code client.v2().rerank(...)}): the same
 * request (documents are strings there; the multimodal forms of /v1/rerank are accepted too) with
 * {@code max_tokens_per_doc}, answered without documents and with the v2 {@code meta}.
 */
@Tag(name = "Compatible APIs")
@Path("/v2/rerank")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CohereV2RerankResource {

    private final CohereRerank cohere;

    public CohereV2RerankResource(CohereRerank cohere) {
        this.cohere = cohere;
    }

    @Operation(summary = "Cohere v2 rerank / 兼容 Cohere v2",
            description = "What Cohere's SDKs call today: max_tokens_per_doc cuts each document to that many tokens; meta carries the tokens read. Cohere SDK 当前调用的接口：max_tokens_per_doc 按词元截断文档。")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.COHERE_V2_EN),
            @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.COHERE_V2_ZH)}))
    @APIResponse(responseCode = "200", description = "Sorted results", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.COHERE_V2_ANSWER_EN),
                    @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.COHERE_V2_ANSWER_ZH)}))
    @APIResponse(responseCode = "400", description = ApiExamples.PROBLEM)
    @POST
    @Blocking
    public Uni<Response> rerank(CohereRerankRequest request, @HeaderParam(BusinessLines.HEADER) String businessLine) {
        return cohere.rerank(request, businessLine).map(response -> new Response(
                UUID.randomUUID().toString(),
                response.results().stream().map(r -> new Result(r.index(), r.score())).toList(),
                CohereRerank.meta("2", request.documents().size(), response.usage())));
    }

    public record Response(@JsonProperty("id") String id,
                           @JsonProperty("results") List<Result> results,
                           @JsonProperty("meta") Map<String, Object> meta) {
    }

    public record Result(@JsonProperty("index") int index, @JsonProperty("relevance_score") double relevanceScore) {
    }
}
