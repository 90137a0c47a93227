package org.opendialer.media.dtmf;

/**
 * Running background power of the eight DTMF bins for {@link InbandDtmfDetector}: what each bin held outside digit
 * runs, so that a steady component near one DTMF frequency (a held vowel harmonic of talk under the tones) is not
 * taken for, and does not mask, a tone that has just appeared in the same group. Half-life of one window; frozen
 * while a run is open, and fed from the window two back so that the onset of a tone does not immediately raise
 * its own background. Allocation-free.
 */
final class BinBackground {

    /** Weight of the background subtracted from a bin's power before bins are ranked and compared. */
    static final double WEIGHT = 1.5;

    private final double[] level = new double[8];
    /** Bin powers of the last three windows. */
    private final double[] past = new double[8 * 3];
    private long windows;

    /** Records this window's bin powers and, unless {@code frozen}, learns from the window two back. */
    void update(double[] power, boolean frozen) {
        int now = (int) (windows % 3);
        int old = (int) ((windows + 1) % 3);
        boolean learn = !frozen && windows >= 3;
        for (int k = 0; k < 8; k++) {
            if (learn) {
                level[k] = 0.5 * (level[k] + past[old * 8 + k]);
            }
            past[now * 8 + k] = power[k];
        }
        windows++;
    }

    /** Forgets the learned levels (when the input has been silent long enough for them to have decayed away). */
    void clear() {
        java.util.Arrays.fill(level, 0);
    }

    /** Power of bin k above its background. */
    double excess(double[] power, int k) {
        return power[k] - WEIGHT * level[k];
    }
}
