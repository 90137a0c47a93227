package org.opendialer.media.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opendialer.media.testutil.Signals;

/** espeak-ng's 22,050 Hz (and other rates) to 8 kHz: speech band kept, what would alias removed. */
class ResamplerTest {

    private static short[] tone(double hz, int rate, double seconds) {
        short[] s = new short[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    private static double rms(short[] s, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += (double) s[i] * s[i];
        }
        return Math.sqrt(e / (to - from));
    }

    @Test
    void speechBandPassesAtFullLevelAndPitch() {
        for (int rate : new int[] {22050, 11025, 44100, 48000}) {
            short[] out = Resampler.to8k(tone(1000, rate, 1), rate);
            assertThat(out.length).as("length at " + rate).isEqualTo(8000);
            assertThat(Signals.toneShare(out, 800, 6400, 1000)).as("1 kHz share at " + rate).isGreaterThan(0.98);
            assertThat(rms(out, 800, 7200)).as("level at " + rate).isBetween(8000 / Math.sqrt(2) * 0.97,
                    8000 / Math.sqrt(2) * 1.03);
        }
    }

    @Test
    void toneAboveTheNewNyquistIsRemovedInsteadOfFoldingDown() {
        // 5 kHz sampled at 8 kHz would fold to 3 kHz: a plain decimator lets it through at full level
        short[] out = Resampler.to8k(tone(5000, 22050, 1), 22050);
        assertThat(rms(out, 800, 7200)).isLessThan(8000 / Math.sqrt(2) * 0.01); // at least 40 dB down
    }

    @Test
    void eightAndSixteenKilohertzKeepTheirPaths() {
        short[] pcm = tone(440, 8000, 0.1);
        assertThat(Resampler.to8k(pcm, 8000)).isSameAs(pcm);
        short[] wide = tone(440, 16000, 0.1);
        assertThat(Resampler.to8k(wide, 16000)).isEqualTo(Resampler.halve(wide));
        assertThatThrownBy(() -> Resampler.to8k(pcm, 1000)).hasMessageContaining("1000 Hz");
    }
}
