package org.opendialer.media.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The canceller on synthetic lines: speech-like bursts (coloured noise, syllable-length on and off) sent, echoed
 * after a bulk delay through a dispersive path at a known echo return loss; far-end bursts added where a test needs
 * double talk. Everything in frames, no clock.
 */
class EchoCancellerTest {

    private static final int RATE = 8000;
    private static final int F = EchoCanceller.FRAME;

    @Test
    void withNothingSentTheAudioPassesUnchanged() {
        EchoCanceller c = new EchoCanceller();
        short[] far = speech(new Random(1), 5 * RATE, 3000);
        short[] out = new short[F];
        for (int at = 0; at + F <= far.length; at += F) {
            short[] heard = java.util.Arrays.copyOfRange(far, at, at + F);
            c.process(heard, at % 2 == 0 ? null : new short[F], out);
            assertThat(out).isEqualTo(heard);
        }
        assertThat(c.delayMs()).isEqualTo(-1);
    }

    @Test
    void findsTheDelayAndTakesTwentyDecibelsOffTheEcho() {
        short[] sent = speech(new Random(2), 8 * RATE, 8000);
        int delay = RATE * 180 / 1000;
        short[] heard = echo(sent, delay, 20, new Random(3));
        Run r = run(sent, heard, new short[sent.length], 4 * RATE);
        assertThat(c(r).delayMs()).isBetween(180 - 8, 180 + 8);
        // over the last 4 s: the echo (-20 dB) is at least another 20 dB down after the canceller
        assertThat(r.inPower / Math.max(r.outPower, 1e-9)).isGreaterThan(100);
    }

    @Test
    void farEndSpeechOverOurOwnSurvivesAndDoesNotUndoTheFilter() {
        short[] sent = speech(new Random(4), 10 * RATE, 8000);
        short[] heard = echo(sent, RATE * 100 / 1000, 20, new Random(5));
        short[] far = new short[sent.length];
        short[] talk = speech(new Random(6), 2 * RATE, 1500); // quiet far end: about -27 dBFS, under our -12
        System.arraycopy(talk, 0, far, 6 * RATE, talk.length);
        for (int i = 0; i < heard.length; i++) {
            heard[i] = (short) (heard[i] + far[i]);
        }
        Run during = run(sent, heard, far, 6 * RATE, 8 * RATE);
        // what comes out while the far end talks is the far end: within 1 dB of its own power
        assertThat(10 * Math.log10(during.outPower / during.farPower)).isBetween(-1.0, 1.0);
        Run after = run(sent, heard, far, 8 * RATE + RATE / 2, 10 * RATE);
        assertThat(after.inPower / Math.max(after.outPower, 1e-9)).as("echo still cancelled after the double talk")
                .isGreaterThan(100);
    }

    @Test
    void cancellingAllocatesNothingPerFrame() {
        short[] sent = speech(new Random(7), 20 * RATE, 8000);
        short[] heard = echo(sent, 400, 15, new Random(8));
        EchoCanceller c = new EchoCanceller();
        short[] h = new short[F];
        short[] s = new short[F];
        short[] out = new short[F];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = 0;
        int frames = sent.length / F;
        for (int f = 0; f < frames; f++) {
            if (f == frames / 2) {
                before = mx.getCurrentThreadAllocatedBytes();
            }
            System.arraycopy(heard, f * F, h, 0, F);
            System.arraycopy(sent, f * F, s, 0, F);
            c.process(h, s, out);
        }
        long bytes = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat((double) bytes / (frames - frames / 2)).as("bytes per frame").isLessThan(1.0);
    }

    private record Run(EchoCanceller canceller, double inPower, double outPower, double farPower) { }

    private static EchoCanceller c(Run r) {
        return r.canceller;
    }

    private static Run run(short[] sent, short[] heard, short[] far, int measureFrom) {
        return run(sent, heard, far, measureFrom, sent.length);
    }

    /** Feeds everything up to {@code to}; powers are measured over [from, to). */
    private static Run run(short[] sent, short[] heard, short[] far, int from, int to) {
        EchoCanceller c = new EchoCanceller();
        short[] h = new short[F];
        short[] s = new short[F];
        short[] out = new short[F];
        double in = 0;
        double o = 0;
        double fp = 0;
        for (int at = 0; at + F <= to; at += F) {
            System.arraycopy(heard, at, h, 0, F);
            System.arraycopy(sent, at, s, 0, F);
            c.process(h, s, out);
            if (at >= from) {
                for (int i = 0; i < F; i++) {
                    in += (double) h[i] * h[i];
                    o += (double) out[i] * out[i];
                    fp += (double) far[at + i] * far[at + i];
                }
            }
        }
        return new Run(c, in, o, fp);
    }

    /** Speech-like: resonant coloured noise in bursts of 100-400 ms with 50-250 ms gaps, peak about {@code peak}. */
    static short[] speech(Random r, int samples, int peak) {
        short[] x = new short[samples];
        double y1 = 0;
        double y2 = 0;
        int i = 0;
        while (i < samples) {
            int on = RATE * (100 + r.nextInt(300)) / 1000;
            double level = peak * (0.4 + 0.6 * r.nextDouble()) / 4;
            for (int k = 0; k < on && i < samples; k++, i++) {
                double y = r.nextGaussian() + 1.6 * y1 - 0.8 * y2; // a formant-like resonance near 500 Hz
                y2 = y1;
                y1 = y;
                double env = Math.sin(Math.PI * k / on);
                x[i] = (short) Math.max(-32768, Math.min(32767, level * env * y / 3));
            }
            i += RATE * (50 + r.nextInt(200)) / 1000;
        }
        return x;
    }

    /** {@code x} delayed by {@code delay} samples through a decaying 8 ms path, {@code erlDb} down in power. */
    static short[] echo(short[] x, int delay, double erlDb, Random r) {
        double[] h = new double[64];
        for (int k = 0; k < h.length; k++) {
            h[k] = Math.exp(-k / 10.0) * r.nextGaussian();
        }
        double[] y = new double[x.length];
        double px = 0;
        double py = 0;
        for (int i = 0; i < x.length; i++) {
            double acc = 0;
            for (int k = 0; k < h.length && i - delay - k >= 0; k++) {
                acc += h[k] * x[i - delay - k];
            }
            y[i] = acc;
            px += (double) x[i] * x[i];
            py += acc * acc;
        }
        double g = Math.sqrt(Math.pow(10, -erlDb / 10) * px / py);
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (short) Math.round(y[i] * g);
        }
        return out;
    }
}
