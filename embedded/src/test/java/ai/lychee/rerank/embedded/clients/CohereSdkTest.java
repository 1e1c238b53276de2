package ai.lychee.rerank.embedded.clients;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lychee.rerank.worker.lite.BgeModel;
import com.cohere.api.Cohere;
import com.cohere.api.requests.RerankRequest;
import com.cohere.api.resources.v2.requests.V2RerankRequest;
import com.cohere.api.resources.v2.types.V2RerankResponse;
import com.cohere.api.types.ApiMeta;
import com.cohere.api.types.RerankRequestDocumentsItem;
import com.cohere.api.types.RerankResponse;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cohere's own Java SDK (com.cohere:cohere-java), pointed at this service with {@code Cohere.builder().url(...)},
 * exactly as a user switches over: v1 {@code rerank} and v2 {@code v2().rerank}, order, fields and token counts.
 */
@QuarkusTest
class CohereSdkTest {

    static final List<String> CAPITALS = List.of(
            "Carson City is the capital city of the American state of Nevada.",
            "Washington, D.C. is the capital of the United States.",
            "Capital punishment has existed in the United States since before it was a country.");

    @TestHTTPResource("/")
    URL root;

    private Cohere client() {
        return Cohere.builder().token("not-checked").clientName("lychee-test").url(root.toString().replaceAll("/$", "")).build();
    }

    @Test
    void v1RerankAnswersOrderDocumentsAndMeta() {
        String query = "Which city is the capital of the United States?";
        RerankResponse response = client().rerank(RerankRequest.builder().query(query)
                .documents(CAPITALS.stream().map(RerankRequestDocumentsItem::of).toList())
                .model("rerank-english-v3.0").topN(2).returnDocuments(true).build());

        assertThat(response.getId()).isPresent();
        assertThat(response.getResults()).hasSize(2);
        assertThat(response.getResults().get(0).getIndex()).isEqualTo(1);
        assertThat(response.getResults().get(0).getRelevanceScore()).isGreaterThan(0.7f);
        assertThat(response.getResults().get(0).getRelevanceScore()).isGreaterThan(response.getResults().get(1).getRelevanceScore());
        assertThat(response.getResults().get(0).getDocument().orElseThrow().getText()).isEqualTo(CAPITALS.get(1));
        ApiMeta meta = response.getMeta().orElseThrow();
        assertThat(meta.getApiVersion().orElseThrow().getVersion()).isEqualTo("1");
        assertThat(meta.getBilledUnits().orElseThrow().getSearchUnits()).contains(1.0);
        assertThat(meta.getTokens().orElseThrow().getInputTokens()).contains((double) ModelTokens.englishRequest(query, CAPITALS));
    }

    @Test
    void v2RerankAnswersOrderAndReadsOnlyMaxTokensPerDoc() {
        String query = "中国的首都在哪座城市?";
        List<String> documents = List.of("上海是中国的经济中心", "北京是中华人民共和国的首都", "广州是广东省的省会");
        V2RerankResponse full = client().v2().rerank(V2RerankRequest.builder().model("rerank-v3.5").query(query)
                .documents(documents).build());
        assertThat(full.getResults()).extracting(r -> r.getIndex()).first().isEqualTo(1);
        assertThat(full.getResults()).hasSize(3);
        ApiMeta meta = full.getMeta().orElseThrow();
        assertThat(meta.getApiVersion().orElseThrow().getVersion()).isEqualTo("2");
        assertThat(meta.getTokens().orElseThrow().getInputTokens()).contains((double) ModelTokens.chineseRequest(query, documents));

        // each document read only up to its 4th token: 北京是中, 上海是中, 广州是广
        V2RerankResponse cut = client().v2().rerank(V2RerankRequest.builder().model("rerank-v3.5").query(query + "?")
                .documents(documents).topN(2).maxTokensPerDoc(4).build());
        assertThat(cut.getResults()).hasSize(2);
        int expected = ModelTokens.count(BgeModel.ZH, query + "?") + 3 * (4 + 2);
        assertThat(cut.getMeta().orElseThrow().getTokens().orElseThrow().getInputTokens()).contains((double) expected);
        V2RerankResponse heads = client().v2().rerank(V2RerankRequest.builder().model("rerank-v3.5").query(query + "?")
                .documents(List.of("上海是中", "北京是中", "广州是广")).topN(2).build());
        assertThat(cut.getResults()).usingRecursiveFieldByFieldElementComparator().isEqualTo(heads.getResults());
    }
}
