package ai.lychee.rerank.functions.http.tei;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.http.ApiExamples;
import ai.lychee.rerank.functions.http.TranslatedRerank;
import ai.lychee.rerank.functions.metrics.BusinessLines;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
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
import java.util.Locale;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code POST /rerank} in Text Embeddings Inference's shape, so TEI integrations (Dify's TEI provider and others)
 * work by pointing at this service: every text comes back, best first, as {@code [{index, score, text?}]}, with
 * TEI's {@code x-compute-tokens} header carrying the tokens the model read.
 */
@Tag(name = "Compatible APIs")
@Path("/rerank")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeiRerankResource {

    /** Raw scores are logits; a score of exactly 0 or 1 is held this far inside so its logit stays finite. */
    private static final double EDGE = 1e-7;

    private final TranslatedRerank translated;

    public TeiRerankResource(TranslatedRerank translated) {
        this.translated = translated;
    }

    @Operation(summary = "Text Embeddings Inference rerank / 兼容 TEI",
            description = "TEI's /rerank: every text back, best first, as [{index, score, text?}]; raw_scores gives logits. TEI 的 /rerank：按分数返回全部文本。")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.TEI_EN),
            @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.TEI_ZH)}))
    @APIResponse(responseCode = "200", description = "Every text, best first", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.TEI_ANSWER_EN),
                    @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.TEI_ANSWER_ZH)}))
    @APIResponse(responseCode = "400", description = ApiExamples.PROBLEM)
    @POST
    @Blocking
    public Uni<RestResponse<List<TeiRank>>> rerank(TeiRerankRequest request,
                                                   @HeaderParam(BusinessLines.HEADER) String businessLine) {
        if (request == null) {
            throw InvalidRequestException.badRequest("body", "the request body is missing: send a JSON object");
        }
        String direction = request.truncationDirection();
        if (direction != null && !direction.toLowerCase(Locale.ROOT).equals("right")) {
            throw InvalidRequestException.badRequest("truncation_direction", "truncation_direction '" + direction
                    + "' is not supported: the model reads the beginning of a text (\"right\")");
        }
        List<String> texts = request.texts();
        List<ContentInput> documents = texts == null ? null
                : texts.stream().map(t -> t == null ? null : ContentInput.ofText(t)).toList();
        ContentInput query = request.query() == null ? null : ContentInput.ofText(request.query());
        RerankRequest ours = new RerankRequest(query, documents, request.instruction(), null, false, businessLine, null);
        boolean raw = Boolean.TRUE.equals(request.rawScores());
        boolean withText = Boolean.TRUE.equals(request.returnText());
        return translated.rerank(ours, TeiRerankResource::teiField).map(response -> {
            List<TeiRank> ranks = response.results().stream()
                    .map(r -> new TeiRank(r.index(), raw ? logit(r.score()) : r.score(), withText ? texts.get(r.index()) : null))
                    .toList();
            RestResponse.ResponseBuilder<List<TeiRank>> answer = RestResponse.ResponseBuilder.ok(ranks);
            if (response.usage() != null && response.usage().promptTokens() != null) {
                answer.header("x-compute-tokens", response.usage().promptTokens());
            }
            return answer.build();
        });
    }

    /** Our field names in TEI's terms: documents are {@code texts}, and a text is the entry itself. */
    static String teiField(String field) {
        String renamed = field.startsWith("documents") ? "texts" + field.substring("documents".length()) : field;
        return renamed.endsWith(".text") ? renamed.substring(0, renamed.length() - ".text".length()) : renamed;
    }

    static double logit(double score) {
        double p = Math.min(1 - EDGE, Math.max(EDGE, score));
        return Math.log(p / (1 - p));
    }
}
