package ai.lychee.rerank.functions.aws.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ, an SQS-compatible server, on a loopback port of its own, and an SDK client for it. */
public final class ElasticMqServer implements AutoCloseable {

    public static final String REGION = "eu-west-1";

    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;

    private ElasticMqServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = SqsClient.builder().endpointOverride(endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static ElasticMqServer start() {
        int port = freePort();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, "")).withAWSRegion(REGION).start();
        server.waitUntilStarted();
        return new ElasticMqServer(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public SqsClient client() {
        return client;
    }

    /** Creates the queue and answers its URL. */
    public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        return client.createQueue(builder -> builder.queueName(name).attributes(attributes)).queueUrl();
    }

    public String queueArn(String queueUrl) {
        return client.getQueueAttributes(builder -> builder.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
