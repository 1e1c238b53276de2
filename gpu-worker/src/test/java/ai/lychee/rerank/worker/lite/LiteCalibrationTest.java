package ai.lychee.rerank.worker.lite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fitted calibration shipped in lychee-models: scores stay in [0, 1] and never fall as evidence grows. */
class LiteCalibrationTest {

    private final LiteCalibration calibration = LiteCalibration.load();

    private double score(BgeModel m, double cosine, double background, double terms, double phrases) {
        return calibration.score(new PairFeatures(m, cosine, background, new LexicalEvidence(terms, phrases)));
    }

    @Test
    void scoresAreProbabilitiesThatRiseWithEveryKindOfEvidence() {
        for (BgeModel m : BgeModel.values()) {
            for (double background = 0.2; background <= 0.6; background += 0.2) {
                for (double cover = 0; cover <= 1.0; cover += 0.25) {
                    double previous = -1;
                    for (double cosine = -0.2; cosine <= 1.0; cosine += 0.05) {
                        double s = score(m, cosine, background, cover, cover);
                        assertThat(s).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
                        previous = s;
                    }
                }
                double previous = -1;
                for (double cover = 0; cover <= 1.0; cover += 0.1) {
                    double s = score(m, 0.6, background, cover, cover);
                    assertThat(s).isGreaterThanOrEqualTo(previous);
                    previous = s;
                }
            }
        }
    }

    @Test
    void aNearDuplicateIsHighAndAnUnrelatedTextLow() {
        for (BgeModel m : BgeModel.values()) {
            assertThat(score(m, 0.95, 0.35, 1, 1)).isGreaterThan(0.7);
            assertThat(score(m, 0.30, 0.35, 0, 0)).isLessThan(0.4);
        }
    }
}
