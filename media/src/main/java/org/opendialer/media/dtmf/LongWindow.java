package org.opendialer.media.dtmf;

/**
 * The second opinion of {@link InbandDtmfDetector}: the same eight correlations summed coherently over the last
 * {@value #SUBS} sub-blocks (306 samples, 38 ms) at the nominal frequencies. Its bins are three times narrower than
 * the 102-sample window's, so a voice harmonic 20-60 Hz from a DTMF frequency, which can mask or mimic a tone in the
 * short window, falls outside them. Too narrow to judge alone (a tone 1.5 % off nominal loses much of its power in
 * it), so the detector only uses it to accept a window the short analysis found ambiguous, and only with a clear
 * margin. Allocation-free.
 */
final class LongWindow {

    static final int SUBS = 6;
    static final int LENGTH = SUBS * InbandDtmfDetector.SUB;
    /** In the long window the other tones of a group must be this much (6 dB) weaker than the winner. */
    static final double RELATIVE_PEAK = Math.pow(10, 6 / 10.0);
    /** The base energy share asked of the tones is this much higher than in the short window. */
    static final double SHARE_FACTOR = 1.5;

    private final double[] re = new double[8 * SUBS];
    private final double[] im = new double[8 * SUBS];
    private final double[] energies = new double[SUBS];
    private final double[] sumRe = new double[8];
    private final double[] sumIm = new double[8];
    private final double[] prevRe = new double[8];
    private final double[] prevIm = new double[8];
    private final double[] power = new double[8];
    private final double[] freqs;
    private long count;
    private double energy;
    double devRow;
    double devCol;

    LongWindow(double[] freqs) {
        this.freqs = freqs;
    }

    /** Adds one sub-block's phasors (on the global phase reference) at {@code sub[off..off+7]}. */
    void add(double[] subRe, double[] subIm, int off, double subEnergy) {
        int slot = (int) (count++ % SUBS);
        System.arraycopy(subRe, off, re, slot * 8, 8);
        System.arraycopy(subIm, off, im, slot * 8, 8);
        energies[slot] = subEnergy;
        System.arraycopy(sumRe, 0, prevRe, 0, 8);
        System.arraycopy(sumIm, 0, prevIm, 0, 8);
        energy = 0;
        for (int j = 0; j < SUBS; j++) {
            energy += energies[j];
        }
        for (int k = 0; k < 8; k++) {
            double r = 0;
            double i = 0;
            for (int j = 0; j < SUBS; j++) {
                r += re[j * 8 + k];
                i += im[j * 8 + k];
            }
            sumRe[k] = r;
            sumIm[k] = i;
            power[k] = r * r + i * i;
        }
    }

    /**
     * The digit the long window shows with a clear margin, or 0: both tones above the level floor, twist within
     * limits, the other tones of each group 6 dB weaker, frequencies within tolerance and the share rule of the
     * short window, with a 1.5 times higher base share, met on the long window's energy.
     */
    char digit(double minAmplitudeSquared, double twistLow, double twistHigh, double maxDeviation,
               double minShare) {
        if (count <= SUBS) {
            return 0;
        }
        int row = 0;
        int col = 4;
        for (int k = 1; k < 8; k++) {
            if (k < 4 && power[k] > power[row]) {
                row = k;
            } else if (k > 4 && power[k] > power[col]) {
                col = k;
            }
        }
        double pr = power[row];
        double pc = power[col];
        double scale = 4.0 / ((double) LENGTH * LENGTH);
        if (pr * scale < minAmplitudeSquared || pc * scale < minAmplitudeSquared
                || pr > pc * twistLow || pc > pr * twistHigh) {
            return 0;
        }
        for (int k = 0; k < 8; k++) {
            if (k != row && k != col && power[k] * RELATIVE_PEAK > (k < 4 ? pr : pc)) {
                return 0;
            }
        }
        devRow = deviation(row);
        devCol = deviation(col);
        if (Math.abs(devRow) > maxDeviation || Math.abs(devCol) > maxDeviation) {
            return 0;
        }
        double required = SHARE_FACTOR * minShare + InbandDtmfDetector.SHARE_PER_TWIST_DB * Math.abs(10 * Math.log10(pr / pc))
                + InbandDtmfDetector.SHARE_PER_DEVIATION * (Math.abs(devRow) + Math.abs(devCol)) / 2;
        if ((pr + pc) * 2.0 / LENGTH < Math.min(InbandDtmfDetector.MAX_REQUIRED_SHARE, required) * energy) {
            return 0;
        }
        return DtmfTones.digit(row, col - 4);
    }

    /** Relative frequency error of tone k from the long window's phase advance over the last sub-block. */
    private double deviation(int k) {
        double r = sumRe[k] * prevRe[k] + sumIm[k] * prevIm[k];
        double i = sumIm[k] * prevRe[k] - sumRe[k] * prevIm[k];
        return -Math.atan2(i, r) * 8000.0 / (2 * Math.PI * InbandDtmfDetector.SUB) / freqs[k];
    }
}
