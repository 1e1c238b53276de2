package ai.lychee.rerank.worker.mm;

/**
 * An image as the vision tower takes it: {@code gridT * gridH * gridW} rows of
 * {@code channels * temporalPatch * patch * patch} values, rows ordered by merge unit. {@code digest} names the
 * source image's bytes (the vision cache's key); {@code pixelValues} is null for an image whose embeddings came from
 * that cache, whose pixels were never needed.
 */
public record ProcessedImage(float[] pixelValues, int gridT, int gridH, int gridW, String digest) {

    public ProcessedImage(float[] pixelValues, int gridT, int gridH, int gridW) {
        this(pixelValues, gridT, gridH, gridW, null);
    }

    public int patches() {
        return gridT * gridH * gridW;
    }

    /** How many image tokens the text sequence holds for it, after the 2x2 merge. */
    public int tokens(int mergeSize) {
        return patches() / (mergeSize * mergeSize);
    }
}
