package ai.lychee.rerank.worker.lite.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.lychee.rerank.worker.lite.BgeModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The cross-validation machinery on sets made here, where the right answers are known. */
class CrossValidationMechanicsTest {

    private static LabelledPair pair(String task, String doc, int grade, double cosine) {
        return new LabelledPair(task, doc, grade, BgeModel.EN, cosine, cosine, 0.3, 0, 0);
    }

    @Test
    void rankingFiguresCountAsScorePyDoes() {
        // judged documents outside the candidates raise the ideal, as in trec_eval
        LabelledTask t = new LabelledTask("q", List.of(pair("q", "a", 0, 0.9), pair("q", "b", 3, 0.8), pair("q", "c", 1, 0.1)),
                new int[] {3, 2, 1, 0, 0, 0, 0});
        RankingFigures f = RankingFigures.of(t, LabelledPair::cosine);
        double dcg = 0 + 3 / (Math.log(3) / Math.log(2)) + 1 / 2.0;
        double ideal = 3 + 2 / (Math.log(3) / Math.log(2)) + 1 / 2.0;
        assertThat(f.ndcg10()).isCloseTo(dcg / ideal, within(1e-12));
        assertThat(f.mrr10()).isEqualTo(0.5);
        assertThat(f.recall1()).isZero();
        assertThat(RankingFigures.of(t, p -> p.grade()).recall1()).isEqualTo(1.0);
    }

    @Test
    void foldsSplitByQueryAndHoldEachQueryOutOncePerRepeat() {
        List<LabelledTask> tasks = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            tasks.add(new LabelledTask("q" + i, List.of(pair("q" + i, "d", 1, 0.5)), new int[] {1}));
        }
        List<QueryFolds.Split> splits = new QueryFolds(5, 3, 7).splits(tasks);
        assertThat(splits).hasSize(15);
        for (int r = 0; r < 3; r++) {
            Set<String> heldOut = new HashSet<>();
            for (QueryFolds.Split s : splits.subList(r * 5, r * 5 + 5)) {
                assertThat(s.train()).doesNotContainAnyElementsOf(s.test());
                assertThat(s.train().size() + s.test().size()).isEqualTo(23);
                s.test().forEach(t -> assertThat(heldOut.add(t.id())).isTrue());
            }
            assertThat(heldOut).hasSize(23);
        }
        assertThat(new QueryFolds(5, 3, 7).splits(tasks).get(4).test()).isEqualTo(splits.get(4).test());
        assertThatThrownBy(() -> new QueryFolds(1, 1, 0)).hasMessageContaining("at least 2 folds");
    }

    @Test
    void bandEdgesMeetTheAimsOrGiveTheOverlapToMedium() {
        List<LabelledPair> separable = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            separable.add(pair("q", "t" + i, 3, 0.80 + i * 0.001));
            separable.add(pair("q", "z" + i, 0, 0.50 + i * 0.001));
        }
        BandEdges edges = BandEdges.fit(separable, LabelledPair::cosine, 3, new BandAims(0.7, 0.8));
        assertThat(edges.reachable()).isTrue();
        assertThat(edges.high()).isCloseTo(0.8297, within(1e-4));
        assertThat(edges.low()).isCloseTo(0.5792, within(1e-4));
        BandShares shares = new BandShares(3).add(separable, LabelledPair::cosine, edges);
        assertThat(shares.topHigh()).isCloseTo(0.70, within(0.011));
        assertThat(shares.zeroLow()).isCloseTo(0.80, within(0.011));

        List<LabelledPair> overlapping = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            overlapping.add(pair("q", "t" + i, 3, 0.5 + i * 0.004));
            overlapping.add(pair("q", "z" + i, 0, 0.4 + i * 0.004));
        }
        BandEdges swapped = BandEdges.fit(overlapping, LabelledPair::cosine, 3, new BandAims(0.7, 0.8));
        assertThat(swapped.reachable()).isFalse();
        BandShares s = new BandShares(3).add(overlapping, LabelledPair::cosine, swapped);
        // high stays "use it directly" (at most 20% of grade 0), low "safe to filter" (at most 30% of the top grade)
        assertThat(s.share(0, 0)).isLessThanOrEqualTo(0.2);
        assertThat(s.share(3, 2)).isLessThanOrEqualTo(0.3);
        assertThat(s.share(3, 1) + s.share(0, 1)).isGreaterThan(0.3);
    }

    @Test
    void aCandidateThatMemorisesItsTrainingPairsGainsNothingHeldOut() {
        // grades are noise; a lookup of each training pair's grade is perfect in sample and worthless held out
        Random random = new Random(3);
        List<LabelledTask> tasks = new ArrayList<>();
        for (int q = 0; q < 60; q++) {
            List<LabelledPair> pairs = new ArrayList<>();
            for (int d = 0; d < 10; d++) {
                pairs.add(pair("q" + q, "d" + d, random.nextInt(4), random.nextDouble()));
            }
            int[] ideal = pairs.stream().mapToInt(LabelledPair::grade).map(g -> -g).sorted().map(g -> -g).toArray();
            tasks.add(new LabelledTask("q" + q, pairs, ideal));
        }
        RankingCandidate memory = new RankingCandidate() {
            public String name() {
                return "memory";
            }

            public ToDoubleFunction<LabelledPair> fit(List<LabelledPair> train) {
                Map<String, Integer> seen = new HashMap<>();
                train.forEach(p -> seen.put(p.task() + "/" + p.doc(), p.grade()));
                return p -> seen.getOrDefault(p.task() + "/" + p.doc(), 0) + p.cosine() * 1e-3;
            }
        };
        LabelledSet set = new LabelledSet("noise", tasks);
        List<LabelledPair> all = set.pairs();
        double inSample = RankingFigures.mean(tasks.stream().map(t -> RankingFigures.of(t, memory.fit(all))).toList()).ndcg10();
        SetCrossValidation cv = SetCrossValidation.run(set, new QueryFolds(5, 2, 1),
                List.of(RankingCandidate.PLAIN_COSINE, memory), BandAims.DEFAULT);
        assertThat(inSample).isEqualTo(1.0);
        assertThat(cv.gain(memory, RankingFigures::ndcg10).mean()).isCloseTo(0, within(0.02));
        assertThat(CalibrationChoices.wins(cv, memory)).isFalse();
    }
}
