package ai.lychee.rerank.functions.lambda;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The Lambda build of the functions with the real lite worker in the same JVM: the score-jobs and
 * score-replies channels lose their RabbitMQ connectors and join the worker in memory, as in the embedded
 * app. The other broker channels (dead jobs, event-driven entry) are off: no broker is needed, and nothing
 * of this test touches the machine's RabbitMQ. The mock Lambda event server takes any free port.
 */
public class InMemoryWorkerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.lambda.mock-event-server.test-port", "0",
                // Otherwise the worker's ends of the two channels would be given the RabbitMQ connector too.
                "quarkus.messaging.auto-connector-attachment", "false",
                "mp.messaging.outgoing.score-jobs.enabled", "false",
                "mp.messaging.incoming.score-replies.enabled", "false",
                "mp.messaging.incoming.score-dead-jobs.enabled", "false",
                "mp.messaging.incoming.rerank-requests.enabled", "false",
                "mp.messaging.outgoing.rerank-results.enabled", "false",
                "lychee.functions.cache.store", "memory",
                // ONNX Runtime probes for CUDA at start: expected on a CPU machine, not worth a warning.
                "quarkus.log.category.\"ai.djl\".level", "ERROR");
    }
}
