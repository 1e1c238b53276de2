package ai.lychee.rerank.worker.lite;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the lite scorer knows about one pair before calibration: which model embedded it, the cosine of the
 * query and document embeddings, the query's background similarity (see {@link ReferenceTexts}), and the
 * lexical evidence. These are the features the calibration was fitted on, by these names.
 */
public record PairFeatures(BgeModel model, double cosine, double background, LexicalEvidence lexical) {

    /**
     * Feature names, in the order of {@link #values()}; the calibration file uses these names. Term coverage
     * enters squared: on the eval sets evidence grows faster as coverage nears complete than a linear term allows.
     */
    public static final String[] NAMES = {"cosine", "margin", "termCoverageSquared", "phraseCoverage"};

    public double margin() {
        return cosine - background;
    }

    public double[] values() {
        double t = lexical.termCoverage();
        return new double[] {cosine, margin(), t * t, lexical.phraseCoverage()};
    }

    /** The sub-scores reported with a document's score. */
    public Map<String, Double> asSubScores() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cosine", round(cosine));
        m.put("margin", round(margin()));
        m.put("termCoverage", round(lexical.termCoverage()));
        m.put("phraseCoverage", round(lexical.phraseCoverage()));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
