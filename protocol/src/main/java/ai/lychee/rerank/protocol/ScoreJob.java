package ai.lychee.rerank.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A request for the worker: score every document against the query under one instruction.
 * {@code id} correlates the reply; {@code replyTo} names the functions instance that waits for it;
 * {@code maxDocumentTokens} cuts each document's text to that many tokens of the model's tokenizer before it is
 * read (null: the model's own window); {@code countTokens} asks the worker to report what the model read
 * ({@link DocumentScore#tokens()}): a functions instance from before token counts neither asks nor could read them.
 * {@code deadline} (epoch milliseconds, 0 for none) is when its caller stops waiting: past it nobody wants
 * the scores, so a worker neither scores the job nor keeps trying to deliver its reply.
 * Fields added later are left out when unset and ignored when unknown, so mixed versions keep working.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScoreJob(String id, String replyTo, String instruction, Content query, List<Content> documents,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxDocumentTokens,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Boolean countTokens,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) long deadline) {

    public ScoreJob(String id, String replyTo, String instruction, Content query, List<Content> documents) {
        this(id, replyTo, instruction, query, documents, null, null, 0);
    }

    public boolean expiredAt(long epochMillis) {
        return deadline > 0 && epochMillis >= deadline;
    }
}
