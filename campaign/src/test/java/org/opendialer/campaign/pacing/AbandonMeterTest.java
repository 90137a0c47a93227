package org.opendialer.campaign.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AbandonMeterTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void theRateIsAbandonsOverLiveAnswersWithinTheWindow() {
        AbandonMeter meter = new AbandonMeter(PacingConfig.OFCOM_WINDOW);
        assertThat(meter.rate(T0)).isZero();
        for (int i = 0; i < 97; i++) {
            meter.record(T0.plusSeconds(i), false);
        }
        for (int i = 0; i < 3; i++) {
            meter.record(T0.plusSeconds(100 + i), true);
        }
        assertThat(meter.rate(T0.plusSeconds(200))).isEqualTo(0.03);
        assertThat(meter.liveAnswers(T0.plusSeconds(200))).isEqualTo(100);
    }

    @Test
    void answersOlderThanTheWindowLeaveIt() {
        AbandonMeter meter = new AbandonMeter(PacingConfig.OFCOM_WINDOW);
        meter.record(T0, true);
        meter.record(T0.plus(Duration.ofHours(12)), false);
        assertThat(meter.rate(T0.plus(Duration.ofHours(23)))).isEqualTo(0.5);
        // the abandon of T0 is out once 24 h (and at most one 2-minute bucket) have passed
        assertThat(meter.rate(T0.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(2)))).isZero();
        assertThat(meter.liveAnswers(T0.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(2)))).isEqualTo(1);
        // the FCC window still holds it
        AbandonMeter fcc = new AbandonMeter(PacingConfig.FCC_WINDOW);
        fcc.record(T0, true);
        assertThat(fcc.rate(T0.plus(Duration.ofDays(29)))).isEqualTo(1.0);
        assertThat(fcc.rate(T0.plus(Duration.ofDays(30)).plus(Duration.ofHours(1)))).isZero();
    }

    @Test
    void aLongSilenceEmptiesTheWholeWindow() {
        AbandonMeter meter = new AbandonMeter(Duration.ofHours(1));
        for (int i = 0; i < 50; i++) {
            meter.record(T0.plusSeconds(i * 60L), i % 2 == 0);
        }
        assertThat(meter.liveAnswers(T0.plus(Duration.ofDays(365)))).isZero();
        meter.record(T0.plus(Duration.ofDays(365)), true);
        assertThat(meter.rate(T0.plus(Duration.ofDays(365)))).isEqualTo(1.0);
    }
}
