package ai.lychee.rerank.worker.mm;

/**
 * An image as the vision tower takes it: {@code gridT * gridH * gridW} rows of
 * {@code channels * temporalPatch * patch * patch} values, rows ordered by merge unit.
 */
public record ProcessedImage(float[] pixelValues, int gridT, int gridH, int gridW) {

    public int patches() {
        return gridT * gridH * gridW;
    }

    /** How many image tokens the text sequence holds for it, after the 2x2 merge. */
    public int tokens(int mergeSize) {
        return patches() / (mergeSize * mergeSize);
    }
}
