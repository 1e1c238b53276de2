package ai.lychee.rerank.functions.lambda.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * A support desk's "reply sent" event exactly as an EventBridge rule delivers it to a Lambda target: every
 * top-level field EventBridge sets, the desk's own detail (ticket, agent, channel beside the question and reply).
 */
final class ReplySentEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplySentEvents() {
    }

    static ObjectNode event(ObjectNode detail) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Reply Sent");
        event.put("source", "com.example.support");
        event.put("account", "123456789012");
        event.put("time", "2026-11-22T02:51:00Z");
        event.put("region", "eu-west-1");
        event.putArray("resources").add("arn:aws:events:eu-west-1:123456789012:event-bus/support");
        event.set("detail", detail);
        return event;
    }

    static ObjectNode detail(String correlationId) {
        ObjectNode detail = JSON.createObjectNode();
        if (correlationId != null) {
            detail.put("correlation_id", correlationId);
        }
        detail.put("ticket_id", "T-2041");
        detail.put("agent", "agent-17");
        detail.put("channel", "chat");
        return detail;
    }
}
