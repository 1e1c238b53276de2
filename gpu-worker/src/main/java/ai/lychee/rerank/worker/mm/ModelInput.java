package ai.lychee.rerank.worker.mm;

import java.util.ArrayList;
import java.util.List;

/** One sequence for the forward pass: token ids with image-token runs, and the images for those runs in order. */
public record ModelInput(int[] ids, List<ProcessedImage> images) {

    /** This sequence with {@code next} after it: a prefix and one of its continuations as one sequence. */
    public ModelInput followedBy(ModelInput next) {
        int[] joined = java.util.Arrays.copyOf(ids, ids.length + next.ids.length);
        System.arraycopy(next.ids, 0, joined, ids.length, next.ids.length);
        List<ProcessedImage> all = new ArrayList<>(images);
        all.addAll(next.images);
        return new ModelInput(joined, all);
    }
}
