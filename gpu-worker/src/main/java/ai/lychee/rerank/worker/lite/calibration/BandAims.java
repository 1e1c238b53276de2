package ai.lychee.rerank.worker.lite.calibration;

/**
 * The band targets and where the fit aims. Targets: at least {@link #TOP_HIGH_TARGET} of the top-grade documents
 * high and at least {@link #ZERO_LOW_TARGET} of the grade-0 documents low, on data the fit did not see. The fit
 * aims {@code topHigh} / {@code zeroLow}, a little above them, because held-out shares scatter around the aim
 * (on KUAKE-QTR their spread across folds is about 0.02).
 */
public record BandAims(double topHigh, double zeroLow) {

    public static final double TOP_HIGH_TARGET = 0.70;
    public static final double ZERO_LOW_TARGET = 0.80;
    public static final BandAims DEFAULT = new BandAims(0.72, 0.82);

    public BandAims {
        if (!(topHigh > 0 && topHigh < 1) || !(zeroLow > 0 && zeroLow < 1)) {
            throw new IllegalArgumentException("aims are shares between 0 and 1: " + topHigh + ", " + zeroLow);
        }
    }
}
