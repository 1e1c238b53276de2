package ai.lychee.rerank.worker.lite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The calibration shipped in lychee-models: a strictly rising map per model, so it keeps the cosine's order. */
class LiteCalibrationTest {

    private final LiteCalibration calibration = LiteCalibration.load();

    @Test
    void everyModelMapsCosinesToRisingScoresInTheUnitInterval() {
        for (BgeModel m : BgeModel.values()) {
            double previous = -1;
            for (double cosine = 0.0; cosine <= 1.0; cosine += 0.001) {
                double s = calibration.score(m, cosine);
                assertThat(s).isBetween(0.0, 1.0).isGreaterThan(previous);
                previous = s;
            }
            assertThat(calibration.score(m, -0.3)).isZero();
            assertThat(calibration.score(m, 1.0)).isEqualTo(1.0);
        }
    }

    @Test
    void theInnerKnotsAreTheBandEdges() {
        for (BgeModel m : BgeModel.values()) {
            LiteCalibration.ModelMap map = calibration.map(m);
            assertThat(map.cosines()).hasSize(4);
            assertThat(calibration.score(m, map.cosines()[1])).isCloseTo(0.4, within(1e-12));
            assertThat(calibration.score(m, map.cosines()[2])).isCloseTo(0.7, within(1e-12));
            assertThat(calibration.score(m, map.cosines()[2] + 1e-6)).isGreaterThan(0.7);
            assertThat(calibration.score(m, map.cosines()[1] - 1e-6)).isLessThan(0.4);
        }
    }

    @Test
    void aFileWithoutKnotsOrWithFallingKnotsIsRefused() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> LiteCalibration.parse(json.readTree("""
                {"models": {"en": {"knots": [[0, 0], [1, 1]]}}}""")))
                .hasMessageContaining("no knots for model zh");
        assertThatThrownBy(() -> LiteCalibration.parse(json.readTree("""
                {"models": {"en": {"knots": [[0, 0], [0.8, 0.4], [0.7, 0.7], [1, 1]]},
                            "zh": {"knots": [[0, 0], [1, 1]]}}}""")))
                .hasMessageContaining("rise");
    }
}
