package ai.lychee.rerank.protocol;

/**
 * Message metadata on a {@link ScoreReply}: which functions instance waits for it ({@link ScoreJob#replyTo()}),
 * the job it answers, and until when that instance waits ({@link ScoreJob#deadline()}). The in-memory channel
 * ignores it; the RabbitMQ transport routes the reply by it and keeps trying to send it until the deadline.
 */
public record ReplyRoute(String replyTo, String jobId, long deadline) {
}
