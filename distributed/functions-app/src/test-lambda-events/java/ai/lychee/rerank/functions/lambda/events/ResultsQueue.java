package ai.lychee.rerank.functions.lambda.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;

/** The pipeline's end of the results queue: what a consumer of the results receives. */
final class ResultsQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(JsonNode body, Map<String, String> attributes) {

        String correlationId() {
            return attributes.get("correlation-id");
        }
    }

    private ResultsQueue() {
    }

    /** Takes exactly {@code count} results off the queue and checks that no more follow. */
    static List<Result> take(int count) throws Exception {
        List<Result> results = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (results.size() < count && System.currentTimeMillis() < deadline) {
            results.addAll(receive(2));
        }
        results.addAll(receive(1));
        assertThat(results).as("results on the queue").hasSize(count);
        return results;
    }

    private static List<Result> receive(int waitSeconds) throws Exception {
        List<Result> results = new ArrayList<>();
        for (Message message : AwsEndpoints.elasticMq().client().receiveMessage(builder -> builder
                .queueUrl(AwsEndpoints.resultsQueue()).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .messageAttributeNames("All")).messages()) {
            Map<String, String> attributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
            results.add(new Result(JSON.readTree(message.body()), attributes));
            AwsEndpoints.elasticMq().client().deleteMessage(builder -> builder.queueUrl(AwsEndpoints.resultsQueue())
                    .receiptHandle(message.receiptHandle()));
        }
        return results;
    }
}
