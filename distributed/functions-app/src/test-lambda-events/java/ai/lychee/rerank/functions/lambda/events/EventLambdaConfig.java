package ai.lychee.rerank.functions.lambda.events;

import java.util.HashMap;
import java.util.Map;

/**
 * Configuration of the event Lambda under test. {@link #inMemoryWorker}: the real lite worker in the same JVM, the
 * score-jobs and score-replies channels without their RabbitMQ connectors, joined to it in memory as in the
 * embedded app, the other broker channels off, so no broker is needed.
 */
final class EventLambdaConfig {

    private EventLambdaConfig() {
    }

    static Map<String, String> inMemoryWorker(String function) {
        Map<String, String> config = base(function);
        config.put("quarkus.messaging.auto-connector-attachment", "false");
        config.put("mp.messaging.outgoing.score-jobs.enabled", "false");
        config.put("mp.messaging.incoming.score-replies.enabled", "false");
        config.put("mp.messaging.incoming.score-dead-jobs.enabled", "false");
        return config;
    }

    /** What every profile sets: the exported function, the mock event server on any free port, no RabbitMQ event entry. */
    static Map<String, String> base(String function) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.funqy.export", function);
        config.put("quarkus.lambda.mock-event-server.test-port", "0");
        config.put("mp.messaging.incoming.rerank-requests.enabled", "false");
        config.put("mp.messaging.outgoing.rerank-results.enabled", "false");
        config.put("lychee.functions.cache.store", "memory");
        // ONNX Runtime probes for CUDA at start: expected on a CPU machine, not worth a warning.
        config.put("quarkus.log.category.\"ai.djl\".level", "ERROR");
        return config;
    }
}
