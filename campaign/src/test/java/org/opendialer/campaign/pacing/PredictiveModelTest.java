package org.opendialer.campaign.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PredictiveModelTest {

    @Test
    void expectedExcessMatchesTheNormalFormulaAndSampling() {
        assertThat(PredictiveModel.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(PredictiveModel.cdf(1.96)).isCloseTo(0.975, within(1e-4));
        assertThat(PredictiveModel.expectedExcess(0, 1)).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(1e-6));
        assertThat(PredictiveModel.expectedExcess(-3, 0)).isZero();
        assertThat(PredictiveModel.expectedExcess(2, 0)).isEqualTo(2);
        SplittableRandom r = new SplittableRandom(7);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sum += Math.max(0, -0.7 + 1.3 * r.nextGaussian());
        }
        assertThat(PredictiveModel.expectedExcess(-0.7, 1.69)).isCloseTo(sum / n, within(0.005));
    }
}
