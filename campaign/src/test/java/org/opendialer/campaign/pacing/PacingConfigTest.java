package org.opendialer.campaign.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacingConfigTest {

    private final PacingConfig defaults = PacingConfig.defaults(DialingMode.PREDICTIVE);

    @Test
    void aRingTimeUnderFifteenSecondsIsRefused() {
        assertThatThrownBy(() -> defaults.withRingTime(Duration.ofMillis(14_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ringTime must be at least 15 s").hasMessageContaining("14.999 s");
        assertThatThrownBy(() -> defaults.withRingTime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(defaults.withRingTime(Duration.ofSeconds(15)).ringTime()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void defaultsAreThreePercentOverTheFccThirtyDays() {
        assertThat(defaults.abandonCap()).isEqualTo(0.03);
        assertThat(defaults.abandonWindow()).isEqualTo(Duration.ofDays(30)).isEqualTo(PacingConfig.FCC_WINDOW);
        assertThat(defaults.ringTime()).isGreaterThanOrEqualTo(PacingConfig.MIN_RING_TIME);
        assertThat(defaults.withAbandonCap(0.03, PacingConfig.OFCOM_WINDOW).abandonWindow())
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aCapOutsideZeroToOneIsRefused() {
        for (double cap : new double[] {0, -0.01, 1, 3}) {
            assertThatThrownBy(() -> defaults.withAbandonCap(cap, PacingConfig.FCC_WINDOW))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abandonCap");
        }
        assertThatThrownBy(() -> defaults.withAbandonCap(0.03, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abandonWindow");
    }
}
