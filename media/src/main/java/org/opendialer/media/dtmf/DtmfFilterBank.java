package org.opendialer.media.dtmf;

/**
 * The front end of {@link InbandDtmfDetector}: correlations at the eight DTMF frequencies, summed per 51-sample
 * sub-block on one global phase reference, combined into the 102-sample window (advancing by a sub-block) and fed
 * to the 306-sample {@link LongWindow}. After each window it hands the window's energy to its {@link Sink}.
 *
 * <p>Two shortcuts keep it cheap on audio that cannot hold a tone, where most legs spend most of their time:
 * <ul>
 *   <li><b>Quiet gate</b>: while no digit run is open, a frame of at least {@value #MIN_GATED_SAMPLES} samples
 *       with a mean square under {@link #QUIET_MEAN_SQUARE} is analysed as digital silence (its correlations are
 *       not computed). Such a frame cannot make a hit on its own: a window's amplitude estimate is at most twice
 *       the RMS of what it holds, and the gate sits 14 dB under the weakest tone pair accepted (each tone at
 *       amplitude 250). A tone starting in the last 6 samples of a gated frame at that weakest level loses those
 *       samples, louder tones none.</li>
 *   <li><b>Rest</b>: after {@value #REST_SUB_BLOCKS} all-zero sub-blocks (0.4 s) with no run open, every ring
 *       holds zeros and the background has decayed by 2^-60, so further zero sub-blocks change nothing the
 *       detector can see: they are counted and skipped, and the background is cleared once. The phase reference
 *       is not advanced while resting, which turns every later phasor by the same angle: powers and the phase
 *       advance between windows, which is all that is judged, are unchanged.</li>
 * </ul>
 * Allocation-free; not thread-safe (one per detector).
 */
final class DtmfFilterBank {

    /** Receives each complete window. */
    interface Sink {
        /** A window ended at sample {@code end}; {@code energy} is the sum of squares of its samples. */
        void onWindow(double energy, long end);

        /** Zero sub-blocks from now on are skipped: forget the bins' background (it has decayed to nothing). */
        void onRest();
    }

    static final int SUB = 51;
    /** Sub-blocks per analysis window (2 = 102 samples). */
    static final int SUBS = 2;
    static final int WINDOW = SUBS * SUB;
    /** 14 dB under the mean square of the weakest accepted pair (two tones of amplitude 250: 62,500). */
    static final double QUIET_MEAN_SQUARE = 50 * 50;
    /** Shorter feeds are never gated: a few samples of a tone near its zero crossings look quiet. */
    static final int MIN_GATED_SAMPLES = 80;
    static final int REST_SUB_BLOCKS = 64;

    private final Sink sink;
    final double[] freqs = new double[8];
    private final double[] cos = new double[8 * SUB];
    private final double[] sin = new double[8 * SUB];
    private final double[] stepRe = new double[8];
    private final double[] stepIm = new double[8];
    private final double[] rotRe = new double[8];
    private final double[] rotIm = new double[8];
    private final double[] accRe = new double[8];
    private final double[] accIm = new double[8];
    private final double[] subRe = new double[8 * SUBS];
    private final double[] subIm = new double[8 * SUBS];
    private final double[] subEnergy = new double[SUBS];
    /** Power of each bin over the last two sub-blocks (the same span as the window; used for run strength). */
    final double[] shortPower = new double[8];
    private final double[] prevWinRe = new double[8];
    private final double[] prevWinIm = new double[8];
    final double[] winRe = new double[8];
    final double[] winIm = new double[8];
    final LongWindow longWindow = new LongWindow(freqs);

    private int subPos;
    private double accEnergy;
    private long subBlocks;
    private long samples;
    private int zeroSubBlocks;
    private long gatedFrames;
    private long restedSubBlocks;

    DtmfFilterBank(Sink sink) {
        this.sink = sink;
        for (int k = 0; k < 8; k++) {
            freqs[k] = k < 4 ? DtmfTones.ROWS[k] : DtmfTones.COLS[k - 4];
            double w = 2 * Math.PI * freqs[k] / 8000.0;
            for (int i = 0; i < SUB; i++) {
                cos[k * SUB + i] = Math.cos(w * i);
                sin[k * SUB + i] = -Math.sin(w * i);
            }
            stepRe[k] = Math.cos(w * SUB);
            stepIm[k] = -Math.sin(w * SUB);
            rotRe[k] = 1;
        }
    }

    /** Feeds {@code len} samples; {@code idle}: no digit run is open, so quiet audio may be gated. */
    void process(short[] pcm, int off, int len, boolean idle) {
        boolean quiet = idle && len >= MIN_GATED_SAMPLES && meanSquare(pcm, off, len) < QUIET_MEAN_SQUARE;
        if (quiet) {
            gatedFrames++;
        }
        int at = off;
        int end = off + len;
        while (at < end) {
            int n = Math.min(end - at, SUB - subPos);
            if (!quiet) {
                correlate(pcm, at, n);
            }
            at += n;
            samples += n;
            subPos += n;
            if (subPos == SUB) {
                endSubBlock(idle);
            }
        }
    }

    private static double meanSquare(short[] pcm, int off, int len) {
        long sum = 0;
        for (int i = off; i < off + len; i++) {
            sum += pcm[i] * pcm[i];
        }
        return sum / (double) len;
    }

    /**
     * Adds {@code n} samples (within one sub-block) to the eight correlations, four frequencies per pass so the
     * eight running sums stay in registers and their additions overlap; each sum still adds in sample order.
     */
    private void correlate(short[] pcm, int at, int n) {
        int p = subPos;
        for (int k = 0; k < 8; k += 4) {
            double r0 = accRe[k], r1 = accRe[k + 1], r2 = accRe[k + 2], r3 = accRe[k + 3];
            double i0 = accIm[k], i1 = accIm[k + 1], i2 = accIm[k + 2], i3 = accIm[k + 3];
            int t0 = k * SUB + p;
            int t1 = t0 + SUB;
            int t2 = t1 + SUB;
            int t3 = t2 + SUB;
            for (int i = 0; i < n; i++) {
                double x = pcm[at + i];
                r0 += x * cos[t0 + i];
                i0 += x * sin[t0 + i];
                r1 += x * cos[t1 + i];
                i1 += x * sin[t1 + i];
                r2 += x * cos[t2 + i];
                i2 += x * sin[t2 + i];
                r3 += x * cos[t3 + i];
                i3 += x * sin[t3 + i];
            }
            accRe[k] = r0;
            accRe[k + 1] = r1;
            accRe[k + 2] = r2;
            accRe[k + 3] = r3;
            accIm[k] = i0;
            accIm[k + 1] = i1;
            accIm[k + 2] = i2;
            accIm[k + 3] = i3;
        }
        double e = accEnergy;
        for (int i = 0; i < n; i++) {
            double x = pcm[at + i];
            e += x * x;
        }
        accEnergy = e;
    }

    private void endSubBlock(boolean idle) {
        subPos = 0;
        // a sub-block without energy had only zero (or gated) samples, so its correlations are zero as well
        zeroSubBlocks = accEnergy == 0 ? zeroSubBlocks + 1 : 0;
        if (idle && zeroSubBlocks > REST_SUB_BLOCKS) {
            if (zeroSubBlocks == REST_SUB_BLOCKS + 1) {
                sink.onRest();
            }
            restedSubBlocks++;
            return;
        }
        int slot = (int) (subBlocks % SUBS);
        int prevSlot = (int) ((subBlocks + SUBS - 1) % SUBS);
        for (int k = 0; k < 8; k++) {
            // rotate the sub-block's local-phase sum onto the global phase reference
            double re = accRe[k] * rotRe[k] - accIm[k] * rotIm[k];
            double im = accRe[k] * rotIm[k] + accIm[k] * rotRe[k];
            double shortRe = re + subRe[prevSlot * 8 + k];
            double shortIm = im + subIm[prevSlot * 8 + k];
            shortPower[k] = shortRe * shortRe + shortIm * shortIm;
            subRe[slot * 8 + k] = re;
            subIm[slot * 8 + k] = im;
            double wr = 0;
            double wi = 0;
            for (int j = 0; j < SUBS; j++) {
                wr += subRe[j * 8 + k];
                wi += subIm[j * 8 + k];
            }
            winRe[k] = wr;
            winIm[k] = wi;
            accRe[k] = 0;
            accIm[k] = 0;
            double r = rotRe[k] * stepRe[k] - rotIm[k] * stepIm[k];
            double q = rotRe[k] * stepIm[k] + rotIm[k] * stepRe[k];
            double norm = 1.5 - 0.5 * (r * r + q * q); // keeps |rot| at 1 without a square root
            rotRe[k] = r * norm;
            rotIm[k] = q * norm;
        }
        longWindow.add(subRe, subIm, slot * 8, accEnergy);
        subEnergy[slot] = accEnergy;
        accEnergy = 0;
        double energy = 0;
        for (int j = 0; j < SUBS; j++) {
            energy += subEnergy[j];
        }
        if (++subBlocks > SUBS) {
            sink.onWindow(energy, samples);
        }
        System.arraycopy(winRe, 0, prevWinRe, 0, 8);
        System.arraycopy(winIm, 0, prevWinIm, 0, 8);
    }

    /** Relative frequency error of tone k, from its phase advance between the last two windows. */
    double deviation(int k) {
        double re = winRe[k] * prevWinRe[k] + winIm[k] * prevWinIm[k];
        double im = winIm[k] * prevWinRe[k] - winRe[k] * prevWinIm[k];
        // with the e^{-jwn} reference a tone at f + df turns by -2 pi df SUB / fs per sub-block
        return -Math.atan2(im, re) * 8000.0 / (2 * Math.PI * SUB) / freqs[k];
    }

    long samples() {
        return samples;
    }

    /** Frames analysed as silence by the quiet gate. */
    long gatedFrames() {
        return gatedFrames;
    }

    /** Sub-blocks skipped at rest. */
    long restedSubBlocks() {
        return restedSubBlocks;
    }
}
