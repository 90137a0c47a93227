package org.opendialer.media.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The block filter alone on a known echo path (no delay estimation, no double talk): it learns the path's taps at
 * their lags, its estimate takes the echo away, and a shift keeps what it learnt at the same lags.
 */
class BlockEchoFilterTest {

    private static final int B = BlockEchoFilter.BLOCK;
    private static final int N = BlockEchoFilter.N;

    @Test
    void learnsAnEchoPathAtItsLagsAndCancelsIt() {
        float[] path = path(new Random(1), 100);
        Line line = new Line(new Random(2), path, 400);
        BlockEchoFilter f = new BlockEchoFilter();
        for (int b = 0; b < 300; b++) {
            line.step(f, true);
        }
        double in = 0;
        double out = 0;
        for (int b = 0; b < 50; b++) {
            double[] p = line.step(f, false);
            in += p[0];
            out += p[1];
        }
        assertThat(10 * Math.log10(in / out)).as("echo return loss enhancement, dB").isGreaterThan(40);
        float[] taps = new float[BlockEchoFilter.TAPS];
        f.taps(taps);
        assertThat(maxDifference(taps, path)).isLessThan(0.01f);
    }

    @Test
    void aShiftKeepsEachTapAtItsLag() {
        float[] path = path(new Random(3), 150);
        Line line = new Line(new Random(4), path, 300);
        BlockEchoFilter f = new BlockEchoFilter();
        for (int b = 0; b < 300; b++) {
            line.step(f, true);
        }
        f.shift(64); // the window now starts 64 samples later: the tap at lag 150 is tap 86
        float[] taps = new float[BlockEchoFilter.TAPS];
        f.taps(taps);
        float[] moved = new float[path.length];
        System.arraycopy(path, 64, moved, 0, path.length - 64);
        assertThat(maxDifference(taps, moved)).isLessThan(0.01f);
        f.shift(-BlockEchoFilter.TAPS);
        f.taps(taps);
        assertThat(maxDifference(taps, new float[taps.length])).isZero();
    }

    /** A decaying 8 ms dispersive path starting at {@code lag}, within the filter's taps. */
    private static float[] path(Random r, int lag) {
        float[] h = new float[BlockEchoFilter.TAPS];
        for (int k = 0; k < 64; k++) {
            h[lag + k] = (float) (0.3 * Math.exp(-k / 10.0) * r.nextGaussian());
        }
        return h;
    }

    private static float maxDifference(float[] a, float[] b) {
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** Coloured noise through {@code path}: the reference window and the echo of each block. */
    private static final class Line {
        private final Random random;
        private final float[] path;
        private final float[] ref = new float[N];
        private final float[] echo = new float[B];
        private final short[] heard = new short[B];
        private final float level;
        private double y1;

        Line(Random random, float[] path, float level) {
            this.random = random;
            this.path = path;
            this.level = level;
        }

        /** One block; returns {echo power, residual power}. */
        double[] step(BlockEchoFilter f, boolean adapt) {
            System.arraycopy(ref, B, ref, 0, N - B);
            for (int i = N - B; i < N; i++) {
                y1 = 0.9 * y1 + random.nextGaussian(); // low-pass, as speech is
                ref[i] = (float) (level * y1);
            }
            double in = 0;
            for (int i = 0; i < B; i++) {
                double acc = 0;
                for (int k = 0; k < path.length; k++) {
                    acc += path[k] * ref[N - B + i - k];
                }
                heard[i] = (short) Math.round(acc);
                in += acc * acc;
            }
            f.estimate(ref, 0, echo);
            double out = 0;
            for (int i = 0; i < B; i++) {
                out += (heard[i] - echo[i]) * (double) (heard[i] - echo[i]);
            }
            if (adapt) {
                f.adapt(heard, echo);
            }
            return new double[] {in, out};
        }
    }
}
