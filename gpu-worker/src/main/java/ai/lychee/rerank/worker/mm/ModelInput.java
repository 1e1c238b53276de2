package ai.lychee.rerank.worker.mm;

import java.util.List;

/** One sequence for the forward pass: token ids with image-token runs, and the images for those runs in order. */
public record ModelInput(int[] ids, List<ProcessedImage> images) {
}
