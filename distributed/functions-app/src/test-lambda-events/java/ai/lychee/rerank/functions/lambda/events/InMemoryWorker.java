package ai.lychee.rerank.functions.lambda.events;

import java.util.HashMap;
import java.util.Map;

/**
 * The event Lambda with the real lite worker in the same JVM: the score-jobs and score-replies channels lose
 * their RabbitMQ connectors and join the worker in memory, as in the embedded app; the other broker channels
 * are off, so no broker is needed. The mock Lambda event server takes any free port.
 */
final class InMemoryWorker {

    private InMemoryWorker() {
    }

    static Map<String, String> exporting(String function) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.funqy.export", function);
        config.put("quarkus.lambda.mock-event-server.test-port", "0");
        config.put("quarkus.messaging.auto-connector-attachment", "false");
        config.put("mp.messaging.outgoing.score-jobs.enabled", "false");
        config.put("mp.messaging.incoming.score-replies.enabled", "false");
        config.put("mp.messaging.incoming.score-dead-jobs.enabled", "false");
        config.put("mp.messaging.incoming.rerank-requests.enabled", "false");
        config.put("mp.messaging.outgoing.rerank-results.enabled", "false");
        config.put("lychee.functions.cache.store", "memory");
        // ONNX Runtime probes for CUDA at start: expected on a CPU machine, not worth a warning.
        config.put("quarkus.log.category.\"ai.djl\".level", "ERROR");
        return config;
    }
}
