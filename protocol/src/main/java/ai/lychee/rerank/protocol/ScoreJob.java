package ai.lychee.rerank.protocol;

import java.util.List;

/**
 * A request for the worker: score every document against the query under one instruction.
 * {@code id} correlates the reply; {@code replyTo} names the functions instance that waits for it.
 */
public record ScoreJob(String id, String replyTo, String instruction, Content query, List<Content> documents) {
}
