package ai.lychee.rerank.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the model read travels from a worker process over the real RabbitMQ and is kept with its score in the shared
 * Redis cache: a first request reports the tokens read, the same request again reports them as cached; a token
 * budget reaches the worker; the worker's own /q/metrics shows its stage timers.
 */
class DistributedUsageIT {

    /** "中国的首都是哪里?" 9 + 2, "上海是中国的经济中心" 10 + 2, "北京是中华人民共和国的首都" 13 + 2 bge-small-zh tokens. */
    private static final int QUERY_TOKENS = 11;
    private static final int DOCUMENT_TOKENS = 12 + 15;

    private static LocalCluster cluster;
    private static String workerUrl;
    private static LocalCluster.Node functions;

    @BeforeAll
    static void startCluster() {
        Services.requireRabbitMqAndRedis();
        Redis.ensureRunning();
        cluster = new LocalCluster(Path.of(System.getProperty("lychee.root.dir", "../..")), "usage");
        int workerPort = LocalCluster.freePort(); // the worker's own /q/metrics
        cluster.startWorker("worker-usage", Map.of("quarkus.http.port", Integer.toString(workerPort)));
        workerUrl = "http://127.0.0.1:" + workerPort;
        functions = cluster.startFunctions("functions-usage", Map.of("lychee.functions.worker-timeout", "20s",
                "lychee.functions.cache.store", "redis"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void tokensReadCrossTheBrokerAndStayWithTheirCachedScores() {
        // a query of its own, so no earlier run's cached scores answer it
        String query = "中国的首都是哪里?";
        String body = RerankJson.request(query, List.of("上海是中国的经济中心", "北京是中华人民共和国的首都"))
                .replace("}", ",\"instruction\":\"usage test " + cluster.namespace() + "\"}");
        JsonNode first = Http.post(functions.url() + "/api/rerank", body).body();
        assertThat(first.at("/results/0/index").asInt()).isEqualTo(1);
        assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(QUERY_TOKENS + DOCUMENT_TOKENS);
        assertThat(first.at("/usage/cached_tokens").asInt()).isZero();

        JsonNode again = Http.post(functions.url() + "/api/rerank", body).body();
        assertThat(again.at("/usage/prompt_tokens").asInt()).isZero();
        assertThat(again.at("/usage/cached_tokens").asInt()).isEqualTo(DOCUMENT_TOKENS);

        JsonNode cut = Http.post(functions.url() + "/v2/rerank", body.replace("}", ",\"max_tokens_per_doc\":3}")).body();
        assertThat(cut.at("/meta/tokens/input_tokens").asInt()).isEqualTo(QUERY_TOKENS + 2 * (3 + 2));

        assertThat(Http.metric(workerUrl, "lychee_worker_stage_seconds_count{stage=\"job\"}")).isGreaterThanOrEqualTo(2);
        assertThat(Http.get(functions.url() + "/q/metrics"))
                .contains("lychee_results_total{band=\"" + first.at("/results/0/band").asText() + "\"");
    }
}
