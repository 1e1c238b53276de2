package ai.lychee.rerank.worker.lite.calibration;

import ai.lychee.rerank.worker.lite.BgeModel;
import ai.lychee.rerank.worker.lite.LiteCalibration;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Prints what {@link LiteCalibrate} found: per set the held-out ranking figures of every candidate beside plain
 * cosine, the held-out band shares per grade of every calibration input (the trade-off at the edges each fit
 * implies), then the decisions, the calibration to ship, and its figures on every set. Ends with one
 * {@code name: value} line per headline figure.
 */
final class CalibrationReport {

    private final PrintStream out;
    private final List<String> figures = new ArrayList<>();

    CalibrationReport(PrintStream out) {
        this.out = out;
    }

    void header(QueryFolds folds, BandAims aims) {
        out.printf(Locale.ROOT, "cross-validation by query: %d folds x %d repeats (seed %d); every figure is measured on "
                        + "queries the fit did not see%n", folds.folds(), folds.repeats(), folds.seed());
        out.printf(Locale.ROOT, "band targets: top grade high >= %.2f, grade 0 low >= %.2f; the edges aim at %.2f / %.2f%n",
                BandAims.TOP_HIGH_TARGET, BandAims.ZERO_LOW_TARGET, aims.topHigh(), aims.zeroLow());
    }

    void set(SetCrossValidation cv, CalibrationChoices choices) {
        LabelledSet set = cv.set();
        int n = cv.folds().folds();
        out.printf(Locale.ROOT, "%n== %s: %d queries, %d pairs, bge-small-%s, top grade %d%n", set.name(),
                set.tasks().size(), set.pairs().size(), set.model().key(), set.topGrade());
        out.println("ranking, held out (mean ± sd across folds, [min .. max]; gain over plain cosine ± its standard error)");
        out.printf(Locale.ROOT, "  %-52s %-32s %-8s %-8s%n", "", "nDCG@10", "MRR@10", "Recall@1");
        for (SetCrossValidation.Ranking r : cv.rankings()) {
            FoldStatistics ndcg = r.stat(RankingFigures::ndcg10, n);
            String gain = r.candidate() == RankingCandidate.PLAIN_COSINE ? ""
                    : String.format(Locale.ROOT, "  gain %+.4f ± %.4f, Recall@1 %+.4f",
                    cv.gain(r.candidate(), RankingFigures::ndcg10).mean(),
                    cv.gain(r.candidate(), RankingFigures::ndcg10).standardError(),
                    cv.gain(r.candidate(), RankingFigures::recall1).mean());
            out.printf(Locale.ROOT, "  %-52s %.4f ± %.4f [%.3f .. %.3f]  %.4f   %.4f%s%n", r.candidate().name(),
                    ndcg.mean(), ndcg.sd(), ndcg.min(), ndcg.max(), r.stat(RankingFigures::mrr10, n).mean(),
                    r.stat(RankingFigures::recall1, n).mean(), gain);
        }
        for (BandInput input : BandInput.values()) {
            bands(cv, cv.bands(input), input == choices.input(set.model()));
        }
        String key = key(set.name());
        SetCrossValidation.Ranking plain = cv.ranking(RankingCandidate.PLAIN_COSINE);
        SetCrossValidation.Ranking shipped = cv.ranking(choices.queryPrefix().get(set.model())
                ? RankingCandidate.PREFIXED_COSINE : RankingCandidate.PLAIN_COSINE);
        SetCrossValidation.Bands bands = cv.bands(choices.input(set.model()));
        figure(key + "_plain_cosine_ndcg10_cv", plain.stat(RankingFigures::ndcg10, n).mean());
        figure(key + "_plain_cosine_recall1_cv", plain.stat(RankingFigures::recall1, n).mean());
        figure(key + "_shipped_ndcg10_cv", shipped.stat(RankingFigures::ndcg10, n).mean());
        figure(key + "_shipped_ndcg10_cv_sd", shipped.stat(RankingFigures::ndcg10, n).sd());
        figure(key + "_shipped_recall1_cv", shipped.stat(RankingFigures::recall1, n).mean());
        figure(key + "_shipped_recall1_cv_sd", shipped.stat(RankingFigures::recall1, n).sd());
        figure(key + "_top_grade_high_cv", bands.pooled().topHigh());
        figure(key + "_grade0_low_cv", bands.pooled().zeroLow());
    }

    private void bands(SetCrossValidation cv, SetCrossValidation.Bands b, boolean chosen) {
        int n = cv.folds().folds();
        FoldStatistics low = FoldStatistics.of(b.edges().stream().map(BandEdges::low).toList(), n);
        FoldStatistics high = FoldStatistics.of(b.edges().stream().map(BandEdges::high).toList(), n);
        long unreachable = b.edges().stream().filter(e -> !e.reachable()).count();
        out.printf(Locale.ROOT, "bands, held out, input %s%s: edges low %.4f ± %.4f, high %.4f ± %.4f%s%n",
                b.input().label(), chosen ? " (shipped)" : "", low.mean(), low.sd(), high.mean(), high.sd(),
                unreachable == 0 ? "" : String.format(Locale.ROOT, "; aims out of reach in %d of %d fits, "
                        + "so high starts where the grade-0 aim ends and low ends where the top-grade aim starts",
                        unreachable, b.edges().size()));
        shares(b.pooled());
        FoldStatistics top = FoldStatistics.of(b.folds().stream().map(BandShares::topHigh).toList(), n);
        FoldStatistics zero = FoldStatistics.of(b.folds().stream().map(BandShares::zeroLow).toList(), n);
        out.printf(Locale.ROOT, "    top grade high %.3f (folds %.3f ± %.3f [%.3f .. %.3f]) %s; grade 0 low %.3f "
                        + "(folds %.3f ± %.3f [%.3f .. %.3f]) %s%n",
                b.pooled().topHigh(), top.mean(), top.sd(), top.min(), top.max(), verdict(b.pooled().topHigh(),
                        BandAims.TOP_HIGH_TARGET), b.pooled().zeroLow(), zero.mean(), zero.sd(), zero.min(), zero.max(),
                verdict(b.pooled().zeroLow(), BandAims.ZERO_LOW_TARGET));
    }

    void shares(BandShares s) {
        out.printf(Locale.ROOT, "    %-8s %6s %7s %6s %10s%n", "", "high", "medium", "low", "documents");
        for (int g = 0; g <= s.topGrade(); g++) {
            if (s.documents(g) > 0) {
                out.printf(Locale.ROOT, "    grade %d  %6.3f %7.3f %6.3f %10d%n", g, s.share(g, 0), s.share(g, 1),
                        s.share(g, 2), s.documents(g));
            }
        }
    }

    void decisions(CalibrationChoices choices) {
        out.println("\n== decisions (a choice ships when it beats plain cosine on held-out folds of every set it concerns)");
        choices.reasons().forEach(r -> out.println("  " + r));
        if (choices.lexical() || choices.margin()) {
            out.println("  note: the scorer computes the cosine only; a feature that wins here needs code in LiteScorer "
                    + "before it can ship");
        }
    }

    void shipped(ShippedCalibration shipped, List<LabelledSet> sets) {
        LiteCalibration c = shipped.calibration();
        out.println("\n== calibration to ship (edges fitted on every pair of each model's sets)");
        for (BgeModel m : BgeModel.values()) {
            ShippedCalibration.Fit f = shipped.fits().get(m);
            LiteCalibration.ModelMap map = c.map(m);
            out.printf(Locale.ROOT, "  %s: %s cosine %.6f -> 0.4, %.6f -> 0.7%s%n", m.key(),
                    map.queryPrefix() ? "prefixed" : "plain", map.cosines()[1], map.cosines()[2],
                    f == null ? " (no set in this language: kept as shipped)" : ", fitted on " + f.fittedOn()
                            + (f.edges().reachable() ? "" : ", aims out of reach"));
        }
        for (LabelledSet set : sets) {
            ToDoubleFunction<LabelledPair> score = p -> c.score(p.model(), c.queryPrefix(p.model())
                    ? p.prefixedCosine() : p.cosine());
            RankingFigures all = RankingFigures.mean(set.tasks().stream().map(t -> RankingFigures.of(t, score)).toList());
            out.printf(Locale.ROOT, "  %s, in sample: nDCG@10 %.4f, MRR@10 %.4f, Recall@1 %.4f; bands per grade:%n",
                    set.name(), all.ndcg10(), all.mrr10(), all.recall1());
            BandShares inSample = new BandShares(set.topGrade()).add(set.pairs(), score,
                    new BandEdges(0.4, 0.7, true));
            shares(inSample);
        }
    }

    void figures() {
        out.println();
        figures.forEach(out::println);
    }

    private void figure(String name, double value) {
        figures.add(String.format(Locale.ROOT, "%s: %.4f", name, value));
    }

    private static String verdict(double share, double target) {
        return share >= target ? String.format(Locale.ROOT, "MET (>= %.2f)", target)
                : String.format(Locale.ROOT, "MISSED (< %.2f)", target);
    }

    private static String key(String setName) {
        return setName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }
}
