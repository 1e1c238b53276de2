package ai.lychee.rerank.worker.lite.calibration;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One way to order a query's documents, weighed by cross-validation: fitted on the training folds' pairs, it gives
 * the ranking score of a held-out pair. The candidates without a fit ignore the training pairs.
 */
public interface RankingCandidate {

    String name();

    ToDoubleFunction<LabelledPair> fit(List<LabelledPair> train);

    /** The baseline: the cosine the scorer computes, no prefix, nothing fitted. */
    RankingCandidate PLAIN_COSINE = simple("plain cosine", LabelledPair::cosine);

    /** bge's own query instruction before the query. */
    RankingCandidate PREFIXED_COSINE = simple("cosine, bge query prefix", LabelledPair::prefixedCosine);

    /** Cosine with lexical overlap, weights fitted on the training folds. */
    RankingCandidate COSINE_AND_LEXICAL = fitted("cosine + lexical overlap (fitted)",
            p -> new double[] {p.cosine(), p.termCoverage() * p.termCoverage(), p.phraseCoverage()});

    /** What the scorer shipped before: cosine, margin over the background and lexical overlap, fitted. */
    RankingCandidate COSINE_MARGIN_AND_LEXICAL = fitted("cosine + margin + lexical (fitted; shipped before)",
            p -> new double[] {p.cosine(), p.margin(), p.termCoverage() * p.termCoverage(), p.phraseCoverage()});

    List<RankingCandidate> ALL = List.of(PLAIN_COSINE, PREFIXED_COSINE, COSINE_AND_LEXICAL, COSINE_MARGIN_AND_LEXICAL);

    static RankingCandidate simple(String name, ToDoubleFunction<LabelledPair> score) {
        return new RankingCandidate() {
            public String name() {
                return name;
            }

            public ToDoubleFunction<LabelledPair> fit(List<LabelledPair> train) {
                return score;
            }
        };
    }

    static RankingCandidate fitted(String name, Function<LabelledPair, double[]> inputs) {
        return new RankingCandidate() {
            public String name() {
                return name;
            }

            public ToDoubleFunction<LabelledPair> fit(List<LabelledPair> train) {
                double[] w = LogisticFit.fit(train, inputs);
                return p -> LogisticFit.logOdds(w, inputs.apply(p));
            }
        };
    }
}
