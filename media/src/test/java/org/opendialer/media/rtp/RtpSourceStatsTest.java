package org.opendialer.media.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RtpSourceStatsTest {

    @Test
    void sequenceWrapLossAndZeroJitterAtConstantDelay() {
        RtpSourceStats s = new RtpSourceStats();
        int seq = 65530;
        long ts = 1000;
        for (int i = 0; i < 20; i++) {
            if (i != 7 && i != 8) { // two lost, across the wrap
                s.onPacket(42, seq & 0xFFFF, ts, ts + 5000);
            }
            seq++;
            ts += 160;
        }
        assertThat(s.expected()).isEqualTo(20);
        assertThat(s.received()).isEqualTo(18);
        assertThat(s.lost()).isEqualTo(2);
        assertThat(s.extendedHighestSequence()).isEqualTo(65536 + (65530 + 19 - 65536));
        assertThat(s.jitter()).isZero();
        assertThat(s.takeFractionLost()).isEqualTo(2 * 256 / 20);
        assertThat(s.takeFractionLost()).isZero();
    }

    @Test
    void jitterFollowsArrivalVariation() {
        RtpSourceStats s = new RtpSourceStats();
        for (int i = 0; i < 200; i++) {
            long ts = i * 160L;
            long arrival = ts + (i % 2 == 0 ? 0 : 80); // alternating 10 ms early/late
            s.onPacket(1, i, ts, arrival);
        }
        assertThat(s.jitter()).isBetween(70L, 80L); // RFC 3550 estimator converges to |D| = 80
    }

    @Test
    void ssrcChangeRestartsAndIsCounted() {
        RtpSourceStats s = new RtpSourceStats();
        s.onPacket(1, 100, 0, 0);
        s.onPacket(1, 101, 160, 160);
        s.onPacket(2, 5000, 99, 320);
        assertThat(s.ssrcChangedOnLastPacket()).isTrue();
        assertThat(s.ssrcChanges()).isEqualTo(1);
        assertThat(s.expected()).isEqualTo(1);
        assertThat(s.lost()).isZero();
    }

    @Test
    void aLoneLargeJumpIsIgnoredUntilConfirmed() {
        RtpSourceStats s = new RtpSourceStats();
        s.onPacket(1, 10, 0, 0);
        assertThat(s.onPacket(1, 30000, 160, 160)).isFalse();
        assertThat(s.onPacket(1, 30001, 320, 320)).isTrue(); // sender restarted its sequence
        assertThat(s.extendedHighestSequence()).isEqualTo(30001);
    }
}
