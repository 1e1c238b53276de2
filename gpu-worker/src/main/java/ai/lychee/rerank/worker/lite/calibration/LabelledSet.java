package ai.lychee.rerank.worker.lite.calibration;

import ai.lychee.rerank.worker.lite.BgeModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** An evaluation set's judged tasks with their pairs' raw inputs. */
public record LabelledSet(String name, List<LabelledTask> tasks) {

    public List<LabelledPair> pairs() {
        return tasks.stream().flatMap(t -> t.pairs().stream()).toList();
    }

    /** The best grade of the set (3 for the graded text sets): "top grade" in the band targets. */
    public int topGrade() {
        return pairs().stream().mapToInt(LabelledPair::grade).max().orElse(0);
    }

    /** The model most of its pairs route to: the set's language, for the per-model choices. */
    public BgeModel model() {
        Map<BgeModel, Integer> counts = new EnumMap<>(BgeModel.class);
        for (LabelledPair p : pairs()) {
            counts.merge(p.model(), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalArgumentException(name + " has no text pairs"));
    }
}
