package ai.lychee.rerank.worker.lite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.worker.InvalidPairException;
import ai.lychee.rerank.worker.ScoringPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lite scorer with the real bge-small models from Maven Central and the fitted calibration. */
class LiteScorerTest {

    private static final String INSTRUCTION = "Given a query, retrieve relevant documents.";
    private static LiteScorer scorer;

    @BeforeAll
    static void load() {
        scorer = LiteScorer.standalone(LiteConfigs.fromEnvironment());
        scorer.warmUp();
    }

    private static List<Double> score(String query, String... docs) {
        List<ScoringPair> pairs = new ArrayList<>();
        for (String d : docs) {
            pairs.add(new ScoringPair(INSTRUCTION, Content.text(query), Content.text(d)));
        }
        return scorer.score(pairs).stream().map(DocumentScore::score).toList();
    }

    @Test
    void chineseQueriesScoreByTheStandardOfTheChineseSet() {
        // bge-small-zh is calibrated on KUAKE-QTR, where the top grade is a title asking the same thing
        List<Double> s = score("肾炎可以吃虾吗", "肾炎能吃虾吗", "慢性肾炎能不能吃虾", "肾炎的早期症状有哪些", "痛风病人可以喝啤酒吗");
        assertThat(s.get(0)).isGreaterThan(0.7);
        assertThat(s.get(1)).isGreaterThan(0.7);
        assertThat(s.get(2)).isLessThan(0.4);
        assertThat(s.get(3)).isLessThan(0.4);
    }

    @Test
    void seedsAnswerRanksAboveItsTopicalNeighbour() {
        List<Double> s = score("中国的首都是哪里?", "北京是中华人民共和国的首都", "上海是中国的经济中心", "广州以早茶闻名");
        assertThat(s.get(0)).isGreaterThan(s.get(1));
        assertThat(s.get(1)).isGreaterThan(s.get(2));
        assertThat(s.get(1)).isLessThan(0.4);
    }

    @Test
    void englishAnswerBeatsTopicalNeighbourAndNoise() {
        List<Double> s = score("what is the capital of France",
                "Paris is the capital and largest city of France.",
                "Lyon is a major city in France known for its cuisine.",
                "Cats are popular pets because they are easy to keep.");
        assertThat(s.get(0)).isGreaterThan(0.7);
        assertThat(s.get(0)).isGreaterThan(s.get(1));
        assertThat(s.get(2)).isLessThan(0.4);
    }

    @Test
    void mixedChineseEnglishQueryFindsItsAnswer() {
        List<Double> s = score("iPhone 15 电池续航怎么样",
                "iPhone 15 电池续航如何",
                "iPhone 15 的电池续航测试：重度使用可以坚持一整天",
                "华为手机的屏幕很好看");
        assertThat(s.get(0)).isGreaterThan(0.7);
        assertThat(s.get(1)).isGreaterThan(s.get(2));
        assertThat(s.get(2)).isLessThan(0.4);
    }

    @Test
    void scoresFollowTheCosineThroughTheShippedMap() {
        LiteCalibration calibration = LiteCalibration.load();
        List<ScoringPair> pairs = List.of(
                new ScoringPair(INSTRUCTION, Content.text("what is the capital of France"), Content.text("Paris is the capital of France.")),
                new ScoringPair(INSTRUCTION, Content.text("肾炎可以吃虾吗"), Content.text("肾炎能吃虾吗")));
        List<PairCosine> cosines = scorer.cosines(pairs);
        List<DocumentScore> scores = scorer.score(pairs);
        for (int i = 0; i < pairs.size(); i++) {
            assertThat(scores.get(i).score()).isEqualTo(calibration.score(cosines.get(i).model(), cosines.get(i).cosine()));
        }
    }

    @Test
    void routesByScript() {
        List<PairCosine> f = scorer.cosines(List.of(
                new ScoringPair(INSTRUCTION, Content.text("capital of France"), Content.text("Paris")),
                new ScoringPair(INSTRUCTION, Content.text("capital of France"), Content.text("巴黎是法国的首都")),
                new ScoringPair(INSTRUCTION, Content.text("法国首都"), Content.text("Paris"))));
        assertThat(f).extracting(PairCosine::model).containsExactly(BgeModel.EN, BgeModel.ZH, BgeModel.ZH);
    }

    @Test
    void aBatchScoresLikeOneByOne() {
        String query = "how long is the life cycle of a flea";
        List<String> docs = List.of(
                "A flea can live up to a year, but its general lifespan depends on its living conditions.",
                "The life cycle of a flea: egg, larva, pupa and adult; it can take from two weeks to eight months.",
                "Fleas are wingless insects.",
                "跳蚤的生命周期包括卵、幼虫、蛹和成虫四个阶段。",
                "The stock market closed higher on Friday after a week of losses, led by technology shares and banks.");
        List<Double> batch = score(query, docs.toArray(String[]::new));
        for (int i = 0; i < docs.size(); i++) {
            // every text is its own forward run (bucket size 1), so a batch neighbour cannot move a score at all
            assertThat(score(query, docs.get(i)).get(0)).isCloseTo(batch.get(i), within(1e-9));
        }
    }

    @Test
    void aColdRequestScoresExactlyAsOneWhoseQueryAndDocumentsWereEmbeddedApart() {
        // nothing cached: the query is embedded in the same call as the documents
        LiteScorer cold = LiteScorer.standalone(LiteConfigs.fromEnvironment(java.util.Map.of(
                "lychee.worker.lite.document-cache-size", "0",
                "lychee.worker.lite.query-cache-size", "0")));
        String query = "which insects live on dogs";
        String[] docs = {"Fleas and ticks are the parasites most often found on dogs.", "狗身上常见的寄生虫是跳蚤和蜱虫。",
                "A recipe for tomato soup with basil."};
        List<ScoringPair> pairs = new ArrayList<>();
        for (String d : docs) {
            pairs.add(new ScoringPair(INSTRUCTION, Content.text(query), Content.text(d)));
        }
        List<Double> together = cold.score(pairs).stream().map(DocumentScore::score).toList();
        // the shared scorer: documents first with another query, then this query alone against known documents
        score("something else entirely", docs);
        assertThat(score(query, docs)).isEqualTo(together);
    }

    @Test
    void aTwentyThousandCharacterDocumentIsTruncatedNotRejected() {
        String head = "Fleas live from two weeks to a year depending on temperature and humidity. ";
        StringBuilder doc = new StringBuilder(head);
        while (doc.length() < 20_000) {
            doc.append("Unrelated filler about the weather and the stock market keeps going on and on. ");
        }
        assertThat(scorer.encoder(BgeModel.EN).tokenize(List.of(doc.toString()))[0].getIds()).hasSize(512);
        List<Double> s = score("how long do fleas live", doc.toString());
        assertThat(s.get(0)).isBetween(0.0, 1.0);
    }

    @Test
    void knownDocumentsAreServedFromTheCache() {
        String doc = "Mount Everest is the highest mountain above sea level, at 8,849 metres.";
        score("highest mountain in the world", doc);
        long hitsBefore = scorer.documentCacheStats()[1];
        List<Double> again = score("how tall is everest", doc);
        assertThat(scorer.documentCacheStats()[1]).isGreaterThan(hitsBefore);
        assertThat(again.get(0)).isGreaterThan(0.4);
    }

    @Test
    void aDocumentWithoutTextOrImageIsRejectedByItsPlaceInTheBatch() {
        List<ScoringPair> pairs = List.of(
                new ScoringPair(INSTRUCTION, Content.text("a red car"), new Content(null, new byte[] {1, 2}, "d")),
                new ScoringPair(INSTRUCTION, Content.text("a red car"), Content.text("a red car parked outside")),
                new ScoringPair(INSTRUCTION, Content.text("a red car"), Content.text("  ")));
        assertThatThrownBy(() -> scorer.score(pairs))
                .isInstanceOf(InvalidPairException.class)
                .satisfies(e -> assertThat(((InvalidPairException) e).pairIndex()).isIn(0, 2));
        assertThatThrownBy(() -> scorer.score(pairs.subList(1, 3)))
                .isInstanceOf(InvalidPairException.class)
                .hasMessageContaining("pair 1")
                .satisfies(e -> assertThat(((InvalidPairException) e).queryAtFault()).isFalse());
    }
}
