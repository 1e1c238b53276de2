package ai.lychee.rerank.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The worker's answer to one {@link ScoreJob}: one score per document, in the job's order, or an error.
 * {@code errorStatus} is an HTTP-like status (4xx: the input was at fault, 5xx: the worker was) and
 * {@code errorIndex} names the document at fault, -1 for the query, null when none is.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScoreReply(String jobId, String model, List<DocumentScore> scores,
                         String error, Integer errorStatus, Integer errorIndex) {

    public static ScoreReply ok(String jobId, String model, List<DocumentScore> scores) {
        return new ScoreReply(jobId, model, scores, null, null, null);
    }

    public static ScoreReply failed(String jobId, String model, String error, int status, Integer index) {
        return new ScoreReply(jobId, model, null, error, status, index);
    }

    public boolean succeeded() {
        return error == null;
    }
}
