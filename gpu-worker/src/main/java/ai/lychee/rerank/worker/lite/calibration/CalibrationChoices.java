package ai.lychee.rerank.worker.lite.calibration;

import ai.lychee.rerank.worker.lite.BgeModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What cross-validation decides, by one rule: a choice beats plain cosine on a set when its held-out gain in
 * nDCG@10 is larger than the standard error of that gain across folds and its Recall@1 does not drop. bge's query
 * prefix is a per-model choice and ships for a model only when it wins on every set of that model's language; a
 * feature (lexical overlap, the margin over the query's background) ships only when it wins on every set of every
 * language. Whatever does not win is left out: the simpler scorer is the default.
 */
public record CalibrationChoices(Map<BgeModel, Boolean> queryPrefix, boolean lexical, boolean margin,
                                 List<String> reasons) {

    public static CalibrationChoices decide(List<SetCrossValidation> sets) {
        List<String> reasons = new ArrayList<>();
        Map<BgeModel, Boolean> prefix = new EnumMap<>(BgeModel.class);
        for (BgeModel m : BgeModel.values()) {
            List<SetCrossValidation> mine = sets.stream().filter(s -> s.set().model() == m).toList();
            boolean wins = !mine.isEmpty() && mine.stream().allMatch(s -> wins(s, RankingCandidate.PREFIXED_COSINE));
            prefix.put(m, wins);
            reasons.add(String.format(Locale.ROOT, "bge query prefix for %s: %s (%s)", m.key(), wins ? "yes" : "no",
                    mine.isEmpty() ? "no set in this language" : gains(mine, RankingCandidate.PREFIXED_COSINE)));
        }
        boolean lexical = false;
        for (RankingCandidate c : List.of(RankingCandidate.COSINE_AND_LEXICAL, RankingCandidate.COSINE_MARGIN_AND_LEXICAL)) {
            boolean wins = sets.stream().allMatch(s -> wins(s, c));
            lexical |= wins;
            reasons.add(String.format(Locale.ROOT, "%s: %s (%s)", c.name(), wins ? "wins" : "no", gains(sets, c)));
        }
        boolean margin = !sets.isEmpty() && sets.stream().allMatch(s -> marginWins(s, prefix.get(s.set().model())));
        List<String> shifts = new ArrayList<>();
        for (SetCrossValidation s : sets) {
            BandShares cosine = s.bands(prefix.get(s.set().model()) ? BandInput.PREFIXED_COSINE : BandInput.COSINE).pooled();
            BandShares m = s.bands(BandInput.MARGIN).pooled();
            shifts.add(String.format(Locale.ROOT, "%s: top grade high %+.3f, grade 0 low %+.3f", s.set().name(),
                    m.topHigh() - cosine.topHigh(), m.zeroLow() - cosine.zeroLow()));
        }
        reasons.add("margin over the query's background as the calibration input, against the cosine: "
                + (margin ? "wins" : "no") + " (" + String.join("; ", shifts) + ")");
        return new CalibrationChoices(prefix, lexical, margin, reasons);
    }

    /** The calibration input of a model: its cosine, behind bge's prefix where that won. */
    public BandInput input(BgeModel m) {
        return queryPrefix.get(m) ? BandInput.PREFIXED_COSINE : BandInput.COSINE;
    }

    static boolean wins(SetCrossValidation cv, RankingCandidate candidate) {
        FoldStatistics ndcg = cv.gain(candidate, RankingFigures::ndcg10);
        FoldStatistics recall = cv.gain(candidate, RankingFigures::recall1);
        return ndcg.mean() > ndcg.standardError() && recall.mean() >= 0;
    }

    private static boolean marginWins(SetCrossValidation cv, boolean prefix) {
        SetCrossValidation.Bands cosine = cv.bands(prefix ? BandInput.PREFIXED_COSINE : BandInput.COSINE);
        SetCrossValidation.Bands margin = cv.bands(BandInput.MARGIN);
        int folds = cv.folds().folds();
        FoldStatistics topSpread = FoldStatistics.of(cosine.folds().stream().map(BandShares::topHigh).toList(), folds);
        FoldStatistics zeroSpread = FoldStatistics.of(cosine.folds().stream().map(BandShares::zeroLow).toList(), folds);
        double top = margin.pooled().topHigh() - cosine.pooled().topHigh();
        double zero = margin.pooled().zeroLow() - cosine.pooled().zeroLow();
        return top >= 0 && zero >= 0 && (top > topSpread.standardError() || zero > zeroSpread.standardError());
    }

    private static String gains(List<SetCrossValidation> sets, RankingCandidate c) {
        List<String> parts = new ArrayList<>();
        for (SetCrossValidation s : sets) {
            FoldStatistics ndcg = s.gain(c, RankingFigures::ndcg10);
            FoldStatistics recall = s.gain(c, RankingFigures::recall1);
            parts.add(String.format(Locale.ROOT, "%s: nDCG@10 %+.4f ± %.4f, Recall@1 %+.4f", s.set().name(),
                    ndcg.mean(), ndcg.standardError(), recall.mean()));
        }
        return String.join("; ", parts);
    }
}
