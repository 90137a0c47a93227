package org.opendialer.media.play;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Any rate to the media engine's 8 kHz, off the media path. 16 kHz (FreeTTS, 16 kHz WAV files) is halved after a
 * 31-tap windowed-sinc low-pass at 3.6 kHz; other rates (espeak-ng writes 22,050 Hz) go through a polyphase
 * windowed-sinc filter with the same 3.6 kHz cutoff, its phases computed once per rate.
 */
public final class Resampler {

    private static final double[] TAPS = taps(31, 3600.0 / 16000.0);
    private static final double CUTOFF_HZ = 3600;
    private static final Map<Integer, Polyphase> POLYPHASE = new ConcurrentHashMap<>();

    private Resampler() {
    }

    /** {@code in} at {@code rate} Hz (4 to 192 kHz) as 8 kHz. */
    public static short[] to8k(short[] in, int rate) {
        if (rate == 8000) {
            return in;
        }
        if (rate == 16000) {
            return halve(in);
        }
        if (rate < 4000 || rate > 192000) {
            throw new IllegalArgumentException("cannot resample from " + rate + " Hz (need 4000 to 192000)");
        }
        return POLYPHASE.computeIfAbsent(rate, Polyphase::new).apply(in);
    }

    public static short[] halve(short[] in) {
        short[] out = new short[in.length / 2];
        int half = TAPS.length / 2;
        for (int o = 0; o < out.length; o++) {
            int centre = 2 * o;
            double acc = 0;
            for (int t = 0; t < TAPS.length; t++) {
                int i = centre + t - half;
                if (i >= 0 && i < in.length) {
                    acc += TAPS[t] * in[i];
                }
            }
            out[o] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
        }
        return out;
    }

    /**
     * 8000/rate reduced to up/down: output sample o sits at input position o*down/up, between input samples
     * floor(o*down/up) and the next, at one of {@code up} fractional phases, each with its own normalised taps.
     */
    private static final class Polyphase {
        private final int up;
        private final int down;
        private final int half;
        private final double[][] phases;

        Polyphase(int rate) {
            int g = gcd(8000, rate);
            up = 8000 / g;
            down = rate / g;
            half = (int) Math.ceil(rate / 250.0); // ±4 ms of input: a transition band of ~0.4 kHz
            double cutoff = Math.min(CUTOFF_HZ, 0.45 * rate) / rate;
            phases = new double[up][];
            for (int p = 0; p < up; p++) {
                double[] h = new double[2 * half + 1];
                double sum = 0;
                for (int k = -half; k <= half; k++) {
                    double d = k - (double) p / up;
                    double sinc = d == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * d) / (Math.PI * d);
                    double window = 0.54 + 0.46 * Math.cos(Math.PI * d / (half + 1));
                    h[k + half] = sinc * window;
                    sum += h[k + half];
                }
                for (int i = 0; i < h.length; i++) {
                    h[i] /= sum;
                }
                phases[p] = h;
            }
        }

        short[] apply(short[] in) {
            short[] out = new short[(int) ((long) in.length * up / down)];
            for (int o = 0; o < out.length; o++) {
                long pos = (long) o * down;
                int base = (int) (pos / up);
                double[] h = phases[(int) (pos % up)];
                double acc = 0;
                int from = Math.max(0, half - base);
                int to = Math.min(h.length, in.length - base + half);
                for (int t = from; t < to; t++) {
                    acc += h[t] * in[base + t - half];
                }
                out[o] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
            }
            return out;
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }

    private static double[] taps(int n, double cutoff) {
        double[] h = new double[n];
        double sum = 0;
        int m = n / 2;
        for (int i = 0; i < n; i++) {
            int k = i - m;
            double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
            double window = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (n - 1));
            h[i] = sinc * window;
            sum += h[i];
        }
        for (int i = 0; i < n; i++) {
            h[i] /= sum;
        }
        return h;
    }
}
