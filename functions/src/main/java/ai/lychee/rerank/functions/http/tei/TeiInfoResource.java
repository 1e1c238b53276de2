package ai.lychee.rerank.functions.http.tei;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.functions.ModelConfig;
import ai.lychee.rerank.functions.http.ApiExamples;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /info} in Text Embeddings Inference's shape. TEI clients read it to learn what the server is: Dify's
 * TEI provider takes the first key of {@code model_type} ("reranker" here), {@code max_input_length} and
 * {@code max_client_batch_size} (documents per request).
 */
@Tag(name = "Compatible APIs")
@Path("/info")
@Produces(MediaType.APPLICATION_JSON)
public class TeiInfoResource {

    /** Tokens each model reads of a text: bge-small's window; the released Qwen2.5-VL configs' positions. */
    private static final Map<String, Integer> MAX_INPUT_TOKENS = Map.of("lite", 512, "lychee-rerank-mm", 128_000);

    /** The service's version, from the jar's manifest when it has one. */
    private static final String VERSION = java.util.Optional.ofNullable(
            TeiInfoResource.class.getPackage().getImplementationVersion()).orElse("0.1.0-SNAPSHOT");

    private final ModelConfig model;
    private final FunctionsConfig functions;
    private final int maxConcurrentRequests;

    public TeiInfoResource(ModelConfig model, FunctionsConfig functions,
                           @ConfigProperty(name = "lychee.http.max-concurrent-requests", defaultValue = "64") int maxConcurrentRequests) {
        this.model = model;
        this.functions = functions;
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    @Operation(summary = "Text Embeddings Inference info / TEI 服务信息",
            description = "What TEI clients read to learn the server: a reranker, its input length and batch size. TEI 客户端据此识别服务类型与限制。")
    @APIResponse(responseCode = "200", description = "Server info", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = ApiExamples.EN, summary = ApiExamples.EN_SUMMARY, value = ApiExamples.INFO_EN),
                    @ExampleObject(name = ApiExamples.ZH, summary = ApiExamples.ZH_SUMMARY, value = ApiExamples.INFO_ZH)}))
    @GET
    public Info info() {
        Map<String, Object> reranker = Map.of("id2label", Map.of("0", "relevance"), "label2id", Map.of("relevance", 0));
        return new Info(model.model(), null, Map.of("reranker", reranker), maxConcurrentRequests,
                MAX_INPUT_TOKENS.getOrDefault(model.model(), 512), functions.maxDocuments(), true,
                VERSION);
    }

    public record Info(@JsonProperty("model_id") String modelId,
                       @JsonProperty("model_sha") String modelSha,
                       @JsonProperty("model_type") Map<String, Object> modelType,
                       @JsonProperty("max_concurrent_requests") int maxConcurrentRequests,
                       @JsonProperty("max_input_length") int maxInputLength,
                       @JsonProperty("max_client_batch_size") int maxClientBatchSize,
                       @JsonProperty("auto_truncate") boolean autoTruncate,
                       @JsonProperty("version") String version) {
    }
}
