package ai.lychee.rerank.worker.lite.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * K-fold splits by query: every query's pairs stay together, so a fold is never scored on a query its fit saw.
 * Repeats shuffle the queries anew (seeded, so every run splits the same way) to show how much the figures
 * move with the split.
 */
public record QueryFolds(int folds, int repeats, long seed) {

    public QueryFolds {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, not " + folds);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, not " + repeats);
        }
    }

    /** One held-out fold and the tasks fitted on. */
    public record Split(int repeat, int fold, List<LabelledTask> train, List<LabelledTask> test) {
    }

    public List<Split> splits(List<LabelledTask> tasks) {
        if (tasks.size() < folds) {
            throw new IllegalArgumentException(tasks.size() + " queries cannot fill " + folds + " folds");
        }
        List<Split> out = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            List<LabelledTask> shuffled = new ArrayList<>(tasks);
            Collections.shuffle(shuffled, new Random(seed + r));
            for (int f = 0; f < folds; f++) {
                List<LabelledTask> train = new ArrayList<>();
                List<LabelledTask> test = new ArrayList<>();
                for (int i = 0; i < shuffled.size(); i++) {
                    (i % folds == f ? test : train).add(shuffled.get(i));
                }
                out.add(new Split(r, f, train, test));
            }
        }
        return out;
    }
}
