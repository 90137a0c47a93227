package org.opendialer.media.dtmf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendialer.media.testutil.Signals.concat;
import static org.opendialer.media.testutil.Signals.detect;
import static org.opendialer.media.testutil.Signals.dtmf;
import static org.opendialer.media.testutil.Signals.silence;
import static org.opendialer.media.testutil.Signals.withNoise;

/** ITU-T Q.24 receiver limits on generated signals. */
class InbandDtmfDetectorTest {

    private static final String ALL = "0123456789*#ABCD";

    @Test
    void everyKeyIsDecoded() {
        short[] seq = new short[0];
        for (char c : ALL.toCharArray()) {
            seq = concat(seq, silence(60), dtmf(c, 70));
        }
        assertThat(detect(concat(seq, silence(60)))).isEqualTo(ALL);
    }

    @Test
    void frequencyErrorOfOnePointFivePercentIsAcceptedAndThreePointFiveRejected() {
        for (char c : ALL.toCharArray()) {
            for (double scale : new double[] {0.985, 1.015}) {
                assertThat(detect(concat(silence(40), dtmf(c, 80, 0, 0, scale, 0), silence(40))))
                        .as("%s at %.3f", c, scale).isEqualTo(String.valueOf(c));
            }
            for (double scale : new double[] {0.965, 1.035}) {
                assertThat(detect(concat(silence(40), dtmf(c, 80, 0, 0, scale, 0), silence(40))))
                        .as("%s at %.3f", c, scale).isEmpty();
            }
        }
    }

    @Test
    void twistOfEightDbNormalAndFourDbReverseIsAccepted() {
        for (char c : ALL.toCharArray()) {
            assertThat(detect(concat(silence(40), dtmf(c, 80, 0, -8, 1, 0), silence(40)))).isEqualTo("" + c);
            assertThat(detect(concat(silence(40), dtmf(c, 80, -4, 0, 1, 0), silence(40)))).isEqualTo("" + c);
        }
        // far beyond any telephone: one group 16 dB down is not a digit
        assertThat(detect(concat(silence(40), dtmf('5', 80, 0, -16, 1, 0), silence(40)))).isEmpty();
        assertThat(detect(concat(silence(40), dtmf('5', 80, -16, 0, 1, 0), silence(40)))).isEmpty();
    }

    @Test
    void fortyMillisecondsIsDetectedAndTwentyThreeIsNotAtAnyAlignment() {
        for (int offset = 0; offset < 102; offset += 7) {
            for (char c : "159#D".toCharArray()) {
                short[] lead = new short[offset + 160];
                assertThat(detect(concat(lead, dtmf(c, 40, 0, 0, 1, offset), silence(60))))
                        .as("40 ms %s offset %d", c, offset).isEqualTo("" + c);
                assertThat(detect(concat(lead, dtmf(c, 23, 0, 0, 1, offset), silence(60))))
                        .as("23 ms %s offset %d", c, offset).isEmpty();
            }
        }
    }

    @Test
    void repeatedDigitsWithShortPausesAreSeparate() {
        short[] s = concat(dtmf('3', 50), silence(15), dtmf('3', 50), silence(15), dtmf('3', 50), silence(40));
        assertThat(detect(s)).isEqualTo("333");
    }

    @Test
    void durationIsMeasured() {
        long[] duration = new long[1];
        InbandDtmfDetector d = new InbandDtmfDetector((digit, start, len) -> duration[0] = len);
        short[] s = concat(silence(100), dtmf('8', 200), silence(100));
        d.process(s, 0, s.length);
        assertThat(duration[0] / 8).isBetween(185L, 215L);
    }

    @Test
    void digitsSurviveNoiseTwelveDbBelowTheTones() {
        short[] seq = new short[0];
        for (char c : ALL.toCharArray()) {
            seq = concat(seq, silence(50), dtmf(c, 60));
        }
        // tones 8000 peak each (RMS 8000); noise RMS 2000 is 12 dB below
        assertThat(detect(withNoise(concat(seq, silence(50)), 2000, 7))).isEqualTo(ALL);
    }

    @Test
    void singleTonesNoiseAndQuietTonesAreNotDigits() {
        short[] single = new short[8000];
        for (int i = 0; i < single.length; i++) {
            single[i] = (short) (12000 * Math.sin(2 * Math.PI * 697 * i / 8000)); // one row tone only
        }
        assertThat(detect(single)).isEmpty();
        assertThat(detect(withNoise(new short[16000], 3000, 3))).isEmpty();
        assertThat(detect(dtmf('1', 200, -34, -34, 1, 0))).isEmpty(); // ~160 peak: below the level floor
    }

    @Test
    void weakestDigitIsDetectedAfterGatedNoiseAndAfterRestAtAnyAlignment() {
        for (int offset = 0; offset < 160; offset += 9) {
            for (short[] before : new short[][] {silence(3000), withNoise(silence(3000), 8, offset)}) {
                InbandDtmfDetector d = new InbandDtmfDetector((digit, start, len) -> { });
                short[] lead = concat(before, new short[offset]);
                // -29.5 dB re 8000: each tone at amplitude ~268, just above the level floor of 250
                short[] s = concat(lead, dtmf('5', 45, -29.5, -29.5, 1, 0), silence(80));
                assertThat(detect(s)).as("offset %d", offset).isEqualTo("5");
            }
        }
    }

    @Test
    void silenceAndLineNoiseSkipTheFilterBankButADigitAfterThemKeepsItsTiming() {
        long[] early = timing(concat(silence(40), dtmf('7', 100), silence(100)));
        // 5.1 s is a whole number of sub-blocks and of frames, so the tone meets the same window alignment
        long[] late = timing(concat(silence(5140), dtmf('7', 100), silence(100)));
        assertThat(late[0] - early[0]).isEqualTo(5100 * 8);
        assertThat(late[1]).isEqualTo(early[1]);

        InbandDtmfDetector quiet = new InbandDtmfDetector((digit, start, len) -> { });
        short[] noise = withNoise(silence(2000), 8, 5);
        for (int i = 0; i < noise.length; i += 160) {
            quiet.process(noise, i, 160);
        }
        assertThat(quiet.framesGated()).isEqualTo(noise.length / 160);
        assertThat(quiet.subBlocksRested()).isGreaterThan(0);

        InbandDtmfDetector loud = new InbandDtmfDetector((digit, start, len) -> { });
        short[] speechLevel = withNoise(silence(2000), 300, 5);
        for (int i = 0; i < speechLevel.length; i += 160) {
            loud.process(speechLevel, i, 160);
        }
        assertThat(loud.framesGated()).isZero();
        assertThat(loud.subBlocksRested()).isZero();
    }

    /** Start sample and duration of the one digit in {@code pcm}, fed in 20 ms frames. */
    private static long[] timing(short[] pcm) {
        long[] out = {-1, -1};
        InbandDtmfDetector d = new InbandDtmfDetector((digit, start, len) -> {
            out[0] = start;
            out[1] = len;
        });
        for (int i = 0; i + 160 <= pcm.length; i += 160) {
            d.process(pcm, i, 160);
        }
        d.flush();
        return out;
    }
}
