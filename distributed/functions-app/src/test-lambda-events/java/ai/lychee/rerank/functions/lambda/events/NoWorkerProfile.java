package ai.lychee.rerank.functions.lambda.events;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The SQS function as deployed, score jobs over RabbitMQ, but with no worker anywhere: the in-process worker's
 * beans are left out and nothing consumes the run's own virtual host. Every request that gets past validation
 * times out after 2 s (the 504 a caller of the HTTP API would get).
 */
public class NoWorkerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = EventLambdaConfig.base("sqs-requests");
        // The worker in the test classpath is left out of the app (a build-time setting: this profile's app is built apart).
        config.put("quarkus.arc.exclude-types", "ai.lychee.rerank.worker.**");
        config.put("lychee.functions.worker-timeout", "2s");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AwsEndpoints.class, Map.of("results", "sqs")),
                new TestResourceEntry(RabbitVhost.class));
    }
}
