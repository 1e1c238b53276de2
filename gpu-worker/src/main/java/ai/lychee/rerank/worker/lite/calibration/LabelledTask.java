package ai.lychee.rerank.worker.lite.calibration;

import java.util.List;

/**
 * One query of an evaluation set: its candidate pairs, and the grades an ideal ranking would put first (every
 * judgment of the query, candidates or not, as ../shared/eval/score.py and trec_eval count them).
 */
public record LabelledTask(String id, List<LabelledPair> pairs, int[] idealGrades) {
}
