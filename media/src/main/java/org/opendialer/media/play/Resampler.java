package org.opendialer.media.play;

/** 16 kHz to 8 kHz: a 31-tap windowed-sinc low-pass at 3.6 kHz, then every second sample. Off the media path. */
public final class Resampler {

    private static final double[] TAPS = taps(31, 3600.0 / 16000.0);

    private Resampler() {
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
