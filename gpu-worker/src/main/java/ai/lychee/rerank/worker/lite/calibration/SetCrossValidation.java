package ai.lychee.rerank.worker.lite.calibration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Cross-validation of one evaluation set: every candidate ranking and every calibration input is fitted on the
 * training folds and measured on the held-out fold only, fold by fold.
 */
public final class SetCrossValidation {

    /** Held-out figures of one ranking candidate, one per fold. */
    public record Ranking(RankingCandidate candidate, List<RankingFigures> folds) {

        public FoldStatistics stat(ToDoubleFunction<RankingFigures> figure, int foldsPerRepeat) {
            return FoldStatistics.of(folds.stream().map(figure::applyAsDouble).toList(), foldsPerRepeat);
        }
    }

    /** Held-out band shares of one calibration input: pooled over every held-out pair, and fold by fold. */
    public record Bands(BandInput input, BandShares pooled, List<BandShares> folds, List<BandEdges> edges) {
    }

    private final LabelledSet set;
    private final QueryFolds folds;
    private final Map<RankingCandidate, Ranking> ranking = new LinkedHashMap<>();
    private final Map<BandInput, Bands> bands = new EnumMap<>(BandInput.class);

    private SetCrossValidation(LabelledSet set, QueryFolds folds) {
        this.set = set;
        this.folds = folds;
    }

    public static SetCrossValidation run(LabelledSet set, QueryFolds folds, List<RankingCandidate> candidates,
                                         BandAims aims) {
        SetCrossValidation cv = new SetCrossValidation(set, folds);
        int topGrade = set.topGrade();
        List<QueryFolds.Split> splits = folds.splits(set.tasks());
        for (RankingCandidate c : candidates) {
            cv.ranking.put(c, new Ranking(c, new ArrayList<>()));
        }
        for (BandInput input : BandInput.values()) {
            cv.bands.put(input, new Bands(input, new BandShares(topGrade), new ArrayList<>(), new ArrayList<>()));
        }
        for (QueryFolds.Split split : splits) {
            List<LabelledPair> train = split.train().stream().flatMap(t -> t.pairs().stream()).toList();
            List<LabelledPair> test = split.test().stream().flatMap(t -> t.pairs().stream()).toList();
            for (RankingCandidate c : candidates) {
                ToDoubleFunction<LabelledPair> score = c.fit(train);
                cv.ranking.get(c).folds().add(RankingFigures.mean(
                        split.test().stream().map(t -> RankingFigures.of(t, score)).toList()));
            }
            for (BandInput input : BandInput.values()) {
                BandEdges edges = BandEdges.fit(train, input.value(), topGrade, aims);
                BandShares fold = new BandShares(topGrade).add(test, input.value(), edges);
                Bands b = cv.bands.get(input);
                b.folds().add(fold);
                b.edges().add(edges);
                b.pooled().addAll(fold);
            }
        }
        return cv;
    }

    public LabelledSet set() {
        return set;
    }

    public QueryFolds folds() {
        return folds;
    }

    public Ranking ranking(RankingCandidate candidate) {
        return ranking.get(candidate);
    }

    public List<Ranking> rankings() {
        return List.copyOf(ranking.values());
    }

    public Bands bands(BandInput input) {
        return bands.get(input);
    }

    /** The candidate's held-out gain over plain cosine, fold by fold (the same splits, so the gain is paired). */
    public FoldStatistics gain(RankingCandidate candidate, ToDoubleFunction<RankingFigures> figure) {
        List<RankingFigures> base = ranking.get(RankingCandidate.PLAIN_COSINE).folds();
        List<RankingFigures> mine = ranking.get(candidate).folds();
        List<Double> gains = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            gains.add(figure.applyAsDouble(mine.get(i)) - figure.applyAsDouble(base.get(i)));
        }
        return FoldStatistics.of(gains, folds.folds());
    }
}
