package ai.lychee.rerank.functions.lambda.events;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The EventBridge function exported, the lite worker in memory, result events to a bus (the recording endpoint). */
public class ReplyCheckProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return EventLambdaConfig.inMemoryWorker("reply-check");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AwsEndpoints.class, Map.of("results", "eventbridge")));
    }
}
