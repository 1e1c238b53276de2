package ai.lychee.rerank.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A few fixed rerank requests and the answers they must always get, whichever worker scores them. */
final class Variants {

    static final List<String> QUERIES = List.of("中国的首都是哪里?", "What is the capital of France?",
            "长城在哪里", "Which river is the longest in Asia?", "熊猫住在哪里", "西湖在哪个城市");

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

    /** Same documents in the same order with the same scores (to float noise: batches differ). */
    void assertAnswer(int variant, Http.Answer answer) {
        assertThat(answer.status()).as("variant %d: %s", variant, answer.body()).isEqualTo(200);
        JsonNode want = expected.get(variant % count());
        JsonNode got = answer.body().get("results");
        assertThat(got.size()).isEqualTo(want.size());
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i).get("index").asInt()).as("variant %d rank %d", variant, i).isEqualTo(want.get(i).get("index").asInt());
            assertThat(got.get(i).get("score").asDouble()).isCloseTo(want.get(i).get("score").asDouble(), within(1e-4));
        }
    }
}
