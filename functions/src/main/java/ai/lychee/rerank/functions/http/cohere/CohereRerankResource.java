package ai.lychee.rerank.functions.http.cohere;

import ai.lychee.rerank.functions.api.TokenUsage;
import ai.lychee.rerank.functions.http.ApiExamples;
import ai.lychee.rerank.functions.metrics.BusinessLines;
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
import java.util.UUID;

/**
 * {@code POST /v1/rerank}: the Cohere v1 / Jina / vLLM-compatible route, translated to and from our rerank
 * function. Answers Cohere's {@code meta} and Jina's {@code usage} (the tokens the model read) together.
 */
@Tag(name = "Compatible APIs", description = "Drop-in routes for Cohere, Jina, vLLM and TEI clients")
@Path("/v1/rerank")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CohereRerankResource {

    private final CohereRerank cohere;

    public CohereRerankResource(CohereRerank cohere) {
        this.cohere = cohere;
    }

    @Operation(summary = "Cohere v1 / Jina / vLLM rerank / 兼容 Cohere v1、Jina、vLLM",
            description = "Documents as strings, Jina objects {text, image} or vLLM content parts [{type: text}, {type: image_url}]; answers Cohere meta and Jina usage (tokens the model read). model is ignored. 文档可为字符串、Jina 对象或 vLLM content parts；返回 Cohere 的 meta 与 Jina 的 usage。")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.COHERE_EN),
            @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.COHERE_ZH)}))
    @APIResponse(responseCode = "200", description = "Sorted results", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.COHERE_ANSWER_EN),
                    @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.COHERE_ANSWER_ZH)}))
    @APIResponse(responseCode = "400", description = ApiExamples.PROBLEM)
    @POST
    @Blocking
    public Uni<CohereRerankResponse> rerank(CohereRerankRequest request,
                                            @HeaderParam(BusinessLines.HEADER) String businessLine) {
        boolean echo = request != null && Boolean.TRUE.equals(request.returnDocuments());
        return cohere.rerank(request, businessLine).map(response -> {
            List<CohereContent> documents = request.documents();
            TokenUsage usage = response.usage() == null ? TokenUsage.UNKNOWN : response.usage();
            return new CohereRerankResponse(
                    UUID.randomUUID().toString(),
                    response.model(),
                    response.results().stream()
                            .map(r -> new CohereRerankResponse.Result(r.index(), r.score(), echo ? documents.get(r.index()) : null))
                            .toList(),
                    CohereRerank.meta("1", documents.size(), usage),
                    usage);
        });
    }
}
