package ai.lychee.rerank.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.MessageConverter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns a broker message's JSON body into the protocol record the consumer asks for ({@code ScoreJob}
 * on a worker, {@code ScoreReply} on functions).
 * A body that does not decode fails the message, which the broker redelivers and, past its delivery
 * limit, dead-letters.
 */
@ApplicationScoped
public class JsonPayloads implements MessageConverter {

    private final ObjectMapper json;

    public JsonPayloads(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean canConvert(Message<?> in, Type target) {
        return target instanceof Class<?> type && type.getPackageName().equals("ai.lychee.rerank.protocol")
                && bytes(in.getPayload()) != null;
    }

    @Override
    public Message<?> convert(Message<?> in, Type target) {
        try {
            return in.withPayload(json.readValue(bytes(in.getPayload()), (Class<?>) target));
        } catch (IOException e) {
            throw new UncheckedIOException("the message body is not a " + ((Class<?>) target).getSimpleName(), e);
        }
    }

    /** The body of a broker message as bytes, null when the payload is not a body. */
    public static byte[] bytes(Object payload) {
        if (payload instanceof byte[] raw) {
            return raw;
        }
        if (payload instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof JsonObject object) {
            return object.encode().getBytes(StandardCharsets.UTF_8);
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }
}
