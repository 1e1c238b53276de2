package ai.lychee.rerank.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/** A few fixed rerank requests and the answers they must always get, whichever worker scores them. */
final class Variants {

    static final List<String> QUERIES = FaultScenario.QUERIES;

    private final List<JsonNode> expected = new ArrayList<>();

    static String body(int variant) {
        return RerankJson.request(QUERIES.get(variant % QUERIES.size()), LoadTest.DOCUMENTS);
    }

    static int count() {
        return QUERIES.size();
    }

    void learn(String functionsUrl) {
        for (int i = 0; i < count(); i++) {
            Http.Answer answer = Http.post(functionsUrl + "/api/rerank", body(i));
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            expected.add(answer.body().get("results"));
        }
    }

    /**
     * Every document with its score, to batch noise: the lite scorer's dynamically quantized model scores a
     * pair slightly differently (up to about 0.01) depending on the other pairs in its batch.
     */
    void assertAnswer(int variant, Http.Answer answer) {
        assertThat(answer.status()).as("variant %d: %s", variant, answer.body()).isEqualTo(200);
        Map<Integer, Double> want = byIndex(expected.get(variant % count()));
        Map<Integer, Double> got = byIndex(answer.body().get("results"));
        assertThat(got.keySet()).isEqualTo(want.keySet());
        want.forEach((index, score) -> assertThat(got.get(index)).as("variant %d document %d", variant, index)
                .isCloseTo(score, within(BATCH_NOISE)));
    }

    /** The lite scorer runs every text alone, so a score cannot depend on what else shared its batch. */
    static final double BATCH_NOISE = 1e-6;

    private static Map<Integer, Double> byIndex(JsonNode results) {
        Map<Integer, Double> scores = new HashMap<>();
        results.forEach(result -> scores.put(result.get("index").asInt(), result.get("score").asDouble()));
        return scores;
    }
}
