package ai.lychee.rerank.functions.lambda.events;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The SQS function exported, the lite worker in memory, results to the ElasticMQ results queue. */
public class SqsRequestsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return EventLambdaConfig.inMemoryWorker("sqs-requests");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AwsEndpoints.class, Map.of("results", "sqs")));
    }
}
