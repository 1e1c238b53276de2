package ai.lychee.rerank.functions.lambda.events;

import ai.lychee.rerank.functions.aws.testing.AwsApiRecorder;
import ai.lychee.rerank.functions.aws.testing.ElasticMqServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS side of a test run, on loopback: ElasticMQ with the template's queues (requests with a dead-letter queue
 * after {@value #MAX_RECEIVE_COUNT} receives, results) and a recorder for EventBridge. The app's SDK clients find them
 * through the SDK's own settings (system properties {@code aws.endpointUrlSqs}, ...), as a deployment finds AWS
 * through Lambda's environment. Init arg {@code results}: {@code sqs} (the results queue) or {@code eventbridge}.
 */
public class AwsEndpoints implements QuarkusTestResourceLifecycleManager {

    static final int MAX_RECEIVE_COUNT = 2;
    static final String BUS = "arn:aws:events:eu-west-1:123456789012:event-bus/support";
    private static final String[] SDK_PROPERTIES = {"aws.region", "aws.accessKeyId", "aws.secretAccessKey",
            "aws.endpointUrlSqs", "aws.endpointUrlSns", "aws.endpointUrlEventBridge"};

    private static ElasticMqServer elasticMq;
    private static AwsApiRecorder recorder;
    private static String requests;
    private static String results;
    private static String deadLetters;
    private String resultsTo = "sqs";

    @Override
    public void init(Map<String, String> args) {
        resultsTo = args.getOrDefault("results", "sqs");
    }

    @Override
    public Map<String, String> start() {
        elasticMq = ElasticMqServer.start();
        recorder = AwsApiRecorder.start();
        System.setProperty("aws.region", ElasticMqServer.REGION);
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        System.setProperty("aws.endpointUrlSqs", elasticMq.endpoint().toString());
        System.setProperty("aws.endpointUrlSns", recorder.endpoint().toString());
        System.setProperty("aws.endpointUrlEventBridge", recorder.endpoint().toString());
        deadLetters = elasticMq.createQueue("lychee-requests-dlq", Map.of());
        Map<QueueAttributeName, String> redrive = new HashMap<>();
        // A short visibility timeout stands in for the template's: a failed message is back a second later.
        redrive.put(QueueAttributeName.VISIBILITY_TIMEOUT, "1");
        redrive.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + elasticMq.queueArn(deadLetters)
                + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}");
        requests = elasticMq.createQueue("lychee-requests", redrive);
        results = elasticMq.createQueue("lychee-results", Map.of());
        return Map.of("lychee.event-functions.results", resultsTo.equals("eventbridge") ? BUS : results);
    }

    @Override
    public void stop() {
        for (String property : SDK_PROPERTIES) {
            System.clearProperty(property);
        }
        recorder.close();
        elasticMq.close();
    }

    static ElasticMqServer elasticMq() {
        return elasticMq;
    }

    static AwsApiRecorder recorder() {
        return recorder;
    }

    static String requestsQueue() {
        return requests;
    }

    static String resultsQueue() {
        return results;
    }

    static String deadLetterQueue() {
        return deadLetters;
    }
}
