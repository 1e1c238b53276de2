package ai.lychee.rerank.protocol;

/**
 * Message metadata on a {@link ScoreReply}: which functions instance waits for it ({@link ScoreJob#replyTo()})
 * and the job it answers. The in-memory channel ignores it; the RabbitMQ transport routes the reply by it.
 */
public record ReplyRoute(String replyTo, String jobId) {
}
