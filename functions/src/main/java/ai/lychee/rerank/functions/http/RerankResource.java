package ai.lychee.rerank.functions.http;

import ai.lychee.rerank.functions.RerankFunctions;
import ai.lychee.rerank.functions.api.FeedbackRequest;
import ai.lychee.rerank.functions.api.FeedbackResponse;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.api.ScoreResponse;
import ai.lychee.rerank.functions.instructions.InstructionPreset;
import ai.lychee.rerank.functions.instructions.InstructionTemplates;
import ai.lychee.rerank.functions.metrics.BusinessLines;
import ai.lychee.rerank.functions.metrics.ConversionFeedback;
import ai.lychee.rerank.functions.metrics.RequestLabels;
import ai.lychee.rerank.functions.validation.RequestValidator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The native HTTP API: a thin adapter over {@link RerankFunctions}. Scoring routes are {@code @Blocking}:
 * validation may fetch image URLs, which must not hold an event-loop thread.
 */
@Tag(name = "Lychee", description = "The native API: scores in [0, 1] with bands high (> 0.7), medium (0.4-0.7), low (< 0.4)")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RerankResource {

    private final RerankFunctions functions;
    private final InstructionTemplates instructions;
    private final MultipartRerank multipart;
    private final RequestValidator validator;
    private final ConversionFeedback conversions;

    public RerankResource(RerankFunctions functions, InstructionTemplates instructions, MultipartRerank multipart,
                          RequestValidator validator, ConversionFeedback conversions) {
        this.functions = functions;
        this.instructions = instructions;
        this.multipart = multipart;
        this.validator = validator;
        this.conversions = conversions;
    }

    @Operation(summary = "Rerank documents against a query / 按查询对文档重排序",
            description = "Every document (text, image or both) gets a score in [0, 1] and a band; results come back best first. 每个文档（文本、图片或两者）得到 0 到 1 的分数和档位，按分数从高到低返回。")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.RERANK_EN),
            @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.RERANK_ZH)}))
    @APIResponse(responseCode = "200", description = "Sorted results", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.RERANK_ANSWER_EN),
                    @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.RERANK_ANSWER_ZH)}))
    @APIResponse(responseCode = "400", description = ApiExamples.PROBLEM)
    @POST
    @Blocking
    @Path("/rerank")
    public Uni<RerankResponse> rerank(RerankRequest request, @HeaderParam(BusinessLines.HEADER) String businessLine) {
        return functions.rerank(request == null ? null : request.withBusinessLineIfAbsent(businessLine));
    }

    /** The same, as a multipart form: a {@code request} JSON part plus image files (see {@link MultipartRerank}). */
    @Operation(summary = "Rerank with uploaded images / 上传图片重排序",
            description = "A request part with the JSON request, plus image files query_image and document_image_<i>. 一个 request 部分放 JSON 请求，另附 query_image 与 document_image_<i> 图片文件。")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, examples = {
            @ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.MULTIPART_EN),
            @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.MULTIPART_ZH)}))
    @APIResponse(responseCode = "200", description = "Sorted results", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.RERANK_ANSWER_EN),
                    @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.RERANK_ANSWER_ZH)}))
    @APIResponse(responseCode = "400", description = ApiExamples.PROBLEM)
    @POST
    @Blocking
    @Path("/rerank")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<RerankResponse> rerankMultipart(@RestForm("request") String request,
                                               @RestForm(FileUpload.ALL) List<FileUpload> files,
                                               @HeaderParam(BusinessLines.HEADER) String businessLine) {
        return functions.rerank(multipart.read(request, files).withBusinessLineIfAbsent(businessLine));
    }

    @Operation(summary = "Score one document / 单条评分",
            description = "One query, one document: the score, its band, sub-scores, flags and consistency. 一个查询对一个文档：分数、档位、子分数、标记与一致性。")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.SCORE_EN),
            @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.SCORE_ZH)}))
    @APIResponse(responseCode = "200", description = "The score", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.SCORE_ANSWER_EN),
                    @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.SCORE_ANSWER_ZH)}))
    @APIResponse(responseCode = "400", description = ApiExamples.PROBLEM)
    @POST
    @Blocking
    @Path("/score")
    public Uni<ScoreResponse> score(ScoreRequest request, @HeaderParam(BusinessLines.HEADER) String businessLine) {
        return functions.score(request == null ? null : request.withBusinessLineIfAbsent(businessLine));
    }

    /** Results that converted, reported back so the share of each band that converts can be watched. */
    @Operation(summary = "Report conversions / 上报转化",
            description = "Send back the scores of results that converted (clicked, bought, accepted) with the request's instruction and business line; the metrics then show the share of each band that converts. 回传已转化结果的分数及其请求的指令与业务线，指标中即可看到各档位的转化比例。")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.FEEDBACK_EN),
            @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.FEEDBACK_ZH)}))
    @APIResponse(responseCode = "202", description = "Counted", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.FEEDBACK_ANSWER)))
    @APIResponse(responseCode = "400", description = ApiExamples.PROBLEM)
    @POST
    @Path("/feedback")
    public RestResponse<FeedbackResponse> feedback(FeedbackRequest request,
                                                   @HeaderParam(BusinessLines.HEADER) String businessLine) {
        FeedbackRequest labelled = request == null ? null : request.withBusinessLineIfAbsent(businessLine);
        RequestLabels labels = validator.validate(labelled);
        conversions.converted(labels, labelled.converted());
        return RestResponse.accepted(new FeedbackResponse(labelled.converted().size(), labels.preset(), labels.businessLine()));
    }

    @Operation(summary = "Instruction presets / 指令预设",
            description = "The named instructions a request may give as instruction, with titles in both languages. 请求可用作 instruction 的预设指令，带中英文标题。")
    @APIResponse(responseCode = "200", description = "The presets", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.INSTRUCTIONS_EN),
                    @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.INSTRUCTIONS_ZH)}))
    @GET
    @Path("/instructions")
    public InstructionList instructions() {
        return new InstructionList(InstructionTemplates.DEFAULT_INSTRUCTION, instructions.presets());
    }

    public record InstructionList(@JsonProperty("default") String defaultInstruction,
                                  @JsonProperty("presets") List<InstructionPreset> presets) {
    }
}
