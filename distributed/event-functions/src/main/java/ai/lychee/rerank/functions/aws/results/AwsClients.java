package ai.lychee.rerank.functions.aws.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients, built on first use only (a function uses one of them). Region, credentials and endpoints come
 * from the SDK's own settings: on Lambda its environment (AWS_REGION, the role's keys); elsewhere, e.g. against an
 * SQS-compatible server, {@code AWS_ENDPOINT_URL_SQS} or the system property {@code aws.endpointUrlSqs}.
 */
@ApplicationScoped
class AwsClients {

    @Produces
    @ApplicationScoped
    SqsClient sqs() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Produces
    @ApplicationScoped
    SnsClient sns() {
        return SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Produces
    @ApplicationScoped
    EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    void close(@Disposes SqsClient client) {
        client.close();
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }

    void close(@Disposes EventBridgeClient client) {
        client.close();
    }
}
