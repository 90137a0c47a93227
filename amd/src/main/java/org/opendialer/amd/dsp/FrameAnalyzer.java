package org.opendialer.amd.dsp;

/**
 * Computes the per-frame features every detector of the module shares: level, zero crossings, a frequency estimate
 * for single tones and Goertzel powers at a fixed set of frequencies. One instance per call; the results stay in the
 * instance until the next {@link #analyze(short[])} so that nothing is allocated per frame.
 *
 * <p>Powers are normalised so that a pure sinusoid at exactly a probed frequency scores 1.0 and a frame's
 * components sum to about 1.0: {@code 2|X(f)|^2 / (N * sum(x^2))}. With 160 samples the resolution is 50 Hz, so two
 * components closer than that leak into each other's bins.
 */
public final class FrameAnalyzer {

    /** Sample rate the module works at. */
    public static final int SAMPLE_RATE = 8000;

    private static final double FULL_SCALE_SQ = 32768.0 * 32768.0;
    /** Level reported for an all-zero frame. */
    public static final double SILENT_DBFS = -120.0;

    private static final double SINGLE_TONE_PURITY = 0.9;
    private static final double SINGLE_TONE_MIN_DBFS = -50;

    private final double[] probeHz;
    private final double[] probeCoeff;
    private final double[] power;

    private double energy;
    private double levelDbfs;
    private int zeroCrossings;
    private double toneHz;
    private double purity;

    /** @param probeHz frequencies in Hz to measure with a Goertzel filter on every frame (copied) */
    public FrameAnalyzer(double[] probeHz) {
        this.probeHz = probeHz.clone();
        this.probeCoeff = new double[probeHz.length];
        for (int i = 0; i < probeHz.length; i++) {
            probeCoeff[i] = 2.0 * Math.cos(2.0 * Math.PI * probeHz[i] / SAMPLE_RATE);
        }
        this.power = new double[probeHz.length];
    }

    /** Analyses a frame of any length (normally 160 samples); the array is not retained. */
    public void analyze(short[] frame) {
        int n = frame.length;
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        energy = sum;
        levelDbfs = sum <= 0 ? SILENT_DBFS : Math.max(SILENT_DBFS, 10.0 * Math.log10(sum / n / FULL_SCALE_SQ));
        measureCrossings(frame);
        for (int i = 0; i < probeCoeff.length; i++) {
            power[i] = sum <= 0 ? 0 : goertzel(frame, probeCoeff[i]) * 2.0 / (n * sum);
        }
        purity = (sum <= 0 || toneHz <= 0) ? 0
                : goertzel(frame, 2.0 * Math.cos(2.0 * Math.PI * toneHz / SAMPLE_RATE)) * 2.0 / (n * sum);
    }

    /**
     * Frequency from the spacing of zero crossings, with the first and last crossing interpolated between samples.
     * Exact to about 1 Hz for a clean tone; meaningless for speech or two-tone signals, which {@link #purity()} tells.
     */
    private void measureCrossings(short[] x) {
        int count = 0;
        double first = -1, last = -1;
        for (int i = 1; i < x.length; i++) {
            int a = x[i - 1], b = x[i];
            if ((a < 0 && b >= 0) || (a >= 0 && b < 0)) {
                double pos = (i - 1) + (a == b ? 0 : (double) a / (a - b));
                if (count == 0) {
                    first = pos;
                }
                last = pos;
                count++;
            }
        }
        zeroCrossings = count;
        toneHz = (count >= 3 && last > first) ? (count - 1) / (2.0 * (last - first)) * SAMPLE_RATE : 0;
    }

    private static double goertzel(short[] x, double coeff) {
        double s1 = 0, s2 = 0;
        for (short v : x) {
            double s0 = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    /** Sum of squared samples of the last frame. */
    public double energy() {
        return energy;
    }

    /** Mean power of the last frame in dBFS, at least {@link #SILENT_DBFS}. */
    public double levelDbfs() {
        return levelDbfs;
    }

    /** Zero crossings in the last frame. */
    public int zeroCrossings() {
        return zeroCrossings;
    }

    /** Zero-crossing frequency estimate in Hz, 0 when fewer than three crossings. */
    public double toneHz() {
        return toneHz;
    }

    /** Normalised power at {@link #toneHz()}: near 1 for a single clean tone, low for speech and noise. */
    public double purity() {
        return purity;
    }

    /**
     * Whether the last frame is one steady audible tone of 400-3400 Hz (a beep, a SIT segment), not speech: 90 % of
     * its power at one frequency. Studio vowels reach 0.8-0.9 for a few frames with their fundamental below 400 Hz,
     * which the floor of the range and the purity keep out.
     */
    public boolean singleTone() {
        return purity >= SINGLE_TONE_PURITY && levelDbfs >= SINGLE_TONE_MIN_DBFS && toneHz >= 400 && toneHz <= 3400;
    }

    /** Normalised power at probe {@code index} (order of the constructor array). */
    public double power(int index) {
        return power[index];
    }

    /** Index of a probe frequency, or -1. */
    public int probeIndex(double hz) {
        for (int i = 0; i < probeHz.length; i++) {
            if (Math.abs(probeHz[i] - hz) < 1e-6) {
                return i;
            }
        }
        return -1;
    }
}
