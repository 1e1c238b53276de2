package ai.lychee.rerank.functions.rabbitmq;

import ai.lychee.rerank.protocol.Channels;
import ai.lychee.rerank.protocol.ScoreJob;
import ai.lychee.rerank.transport.JsonRouting;
import ai.lychee.rerank.transport.rabbitmq.PublishMetadata;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Stamps each score job for the broker: correlation id = job id; reply-to and the {@value #REPLY_TO_HEADER}
 * header = this instance's id (the header is what routes a dead-lettered job back here); and the caller's
 * deadline. Until the deadline the job waits out a broker that is away and is sent again if a connection drops
 * before the broker confirmed it; it expires from the queue at the deadline, so a job nobody took in time is
 * not scored for a caller who has already been told 504.
 */
@Singleton
@Identifier(Channels.SCORE_JOBS)
public class JobRouting extends JsonRouting {

    public static final String REPLY_TO_HEADER = "lychee-reply-to";

    public JobRouting(ObjectMapper json) {
        super(json);
    }

    @Override
    protected PublishMetadata address(Message<?> message) {
        ScoreJob job = (ScoreJob) message.getPayload();
        PublishMetadata address = PublishMetadata.to("score")
                .withCorrelationId(job.id())
                .withMessageId(job.id())
                .withReplyTo(job.replyTo())
                .withHeader(REPLY_TO_HEADER, job.replyTo());
        return job.deadline() > 0 ? address.until(Instant.ofEpochMilli(job.deadline())).expiringAtDeadline() : address;
    }
}
