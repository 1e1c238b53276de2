package ai.lychee.rerank.worker.lite.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * nDCG@10, MRR@10 and Recall@1 of a ranking, counted as ../shared/eval/score.py counts them: linear gain, the
 * ideal over every judgment of the query, Recall@1 when the first document has the query's best grade.
 */
public record RankingFigures(double ndcg10, double mrr10, double recall1) {

    /** One query ranked by {@code score}, best first; ties keep the candidates' order, as score.py's sort does. */
    public static RankingFigures of(LabelledTask task, ToDoubleFunction<LabelledPair> score) {
        List<LabelledPair> ranked = new ArrayList<>(task.pairs());
        double[] s = new double[ranked.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = score.applyAsDouble(ranked.get(i));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> -s[i]));
        int[] grades = order.stream().mapToInt(i -> ranked.get(i).grade()).toArray();
        int[] ideal = task.idealGrades();
        double idealDcg = dcg10(ideal);
        double ndcg = idealDcg > 0 ? dcg10(grades) / idealDcg : 0;
        double mrr = 0;
        for (int i = 0; i < Math.min(10, grades.length); i++) {
            if (grades[i] > 0) {
                mrr = 1.0 / (i + 1);
                break;
            }
        }
        int top = ideal.length == 0 ? 0 : ideal[0];
        double recall1 = grades.length > 0 && top > 0 && grades[0] == top ? 1 : 0;
        return new RankingFigures(ndcg, mrr, recall1);
    }

    /** The mean over queries. */
    public static RankingFigures mean(List<RankingFigures> perQuery) {
        double n = Math.max(1, perQuery.size());
        return new RankingFigures(perQuery.stream().mapToDouble(RankingFigures::ndcg10).sum() / n,
                perQuery.stream().mapToDouble(RankingFigures::mrr10).sum() / n,
                perQuery.stream().mapToDouble(RankingFigures::recall1).sum() / n);
    }

    public RankingFigures minus(RankingFigures other) {
        return new RankingFigures(ndcg10 - other.ndcg10, mrr10 - other.mrr10, recall1 - other.recall1);
    }

    private static double dcg10(int[] grades) {
        double sum = 0;
        for (int i = 0; i < Math.min(10, grades.length); i++) {
            sum += grades[i] / (Math.log(i + 2) / Math.log(2));
        }
        return sum;
    }
}
