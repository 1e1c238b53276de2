package ai.lychee.rerank.worker.lite.calibration;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** How the documents of each grade fall into the bands: counts per grade of high, medium, low. */
public final class BandShares {

    private final long[][] counts;

    public BandShares(int topGrade) {
        this.counts = new long[topGrade + 1][3];
    }

    public BandShares add(List<LabelledPair> pairs, ToDoubleFunction<LabelledPair> input, BandEdges edges) {
        for (LabelledPair p : pairs) {
            counts[p.grade()][edges.band(input.applyAsDouble(p))]++;
        }
        return this;
    }

    public void addAll(BandShares other) {
        for (int g = 0; g < counts.length; g++) {
            for (int b = 0; b < 3; b++) {
                counts[g][b] += other.counts[g][b];
            }
        }
    }

    public int topGrade() {
        return counts.length - 1;
    }

    public long documents(int grade) {
        return counts[grade][0] + counts[grade][1] + counts[grade][2];
    }

    /** @param band 0 high, 1 medium, 2 low */
    public double share(int grade, int band) {
        long n = documents(grade);
        return n == 0 ? Double.NaN : (double) counts[grade][band] / n;
    }

    public double topHigh() {
        return share(topGrade(), 0);
    }

    public double zeroLow() {
        return share(0, 2);
    }
}
