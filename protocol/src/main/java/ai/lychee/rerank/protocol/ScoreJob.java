package ai.lychee.rerank.protocol;

import java.util.List;

/**
 * A request for the worker: score every document against the query under one instruction.
 * {@code id} correlates the reply; {@code replyTo} names the functions instance that waits for it;
 * {@code deadline} (epoch milliseconds, 0 for none) is when its caller stops waiting: past it nobody wants
 * the scores, so a worker neither scores the job nor keeps trying to deliver its reply.
 */
public record ScoreJob(String id, String replyTo, String instruction, Content query, List<Content> documents, long deadline) {

    public boolean expiredAt(long epochMillis) {
        return deadline > 0 && epochMillis >= deadline;
    }
}
