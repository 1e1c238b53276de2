package ai.lychee.rerank.functions.http;

import ai.lychee.rerank.functions.RerankFunctions;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.api.ScoreResponse;
import ai.lychee.rerank.functions.instructions.InstructionPreset;
import ai.lychee.rerank.functions.instructions.InstructionTemplates;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The native HTTP API: a thin adapter over {@link RerankFunctions}. Scoring routes are {@code @Blocking}:
 * validation may fetch image URLs, which must not hold an event-loop thread.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RerankResource {

    private final RerankFunctions functions;
    private final InstructionTemplates instructions;
    private final MultipartRerank multipart;

    public RerankResource(RerankFunctions functions, InstructionTemplates instructions, MultipartRerank multipart) {
        this.functions = functions;
        this.instructions = instructions;
        this.multipart = multipart;
    }

    @POST
    @Blocking
    @Path("/rerank")
    public Uni<RerankResponse> rerank(RerankRequest request) {
        return functions.rerank(request);
    }

    /** The same, as a multipart form: a {@code request} JSON part plus image files (see {@link MultipartRerank}). */
    @POST
    @Blocking
    @Path("/rerank")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<RerankResponse> rerankMultipart(@RestForm("request") String request,
                                               @RestForm(FileUpload.ALL) List<FileUpload> files) {
        return functions.rerank(multipart.read(request, files));
    }

    @POST
    @Blocking
    @Path("/score")
    public Uni<ScoreResponse> score(ScoreRequest request) {
        return functions.score(request);
    }

    @GET
    @Path("/instructions")
    public InstructionList instructions() {
        return new InstructionList(InstructionTemplates.DEFAULT_INSTRUCTION, instructions.presets());
    }

    public record InstructionList(@JsonProperty("default") String defaultInstruction,
                                  @JsonProperty("presets") List<InstructionPreset> presets) {
    }
}
