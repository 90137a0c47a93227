package org.opendialer.amd.impl;

/**
 * Finds beeps: a single steady tone of 400-3400 Hz whose frequency stays within 2 % for at least the minimum length,
 * then stops (followed by something that is not a tone; a tone followed by another tone is a segment of a SIT or
 * similar). A beep must be nearly pure (90 % of the power at one frequency): studio vowels reach 0.8-0.9 for a few
 * frames with their fundamental below 400 Hz, which the floor of the range and the purity keep out.
 */
final class BeepTracker {

    private static final double MIN_PURITY = 0.9;
    private static final double MIN_LEVEL_DBFS = -50;

    private final int minFrames;
    private final int maxFrames;

    private double sumHz;
    private int frames;
    private double beepHz;
    private int beepFrames;

    /** Lengths in 20 ms frames. */
    BeepTracker(int minFrames, int maxFrames) {
        this.minFrames = minFrames;
        this.maxFrames = maxFrames;
    }

    /** True when the frame is tonal enough to be part of a beep (callers keep such frames out of speech). */
    static boolean isTonal(double levelDbfs, double toneHz, double purity) {
        return purity >= MIN_PURITY && levelDbfs >= MIN_LEVEL_DBFS && toneHz >= 400 && toneHz <= 3400;
    }

    /**
     * Feeds one frame.
     *
     * @param excluded the frame belongs to a known table tone (ringback, busy...), which is never a beep
     * @return true on the first frame after a beep of acceptable length ended
     */
    boolean update(double levelDbfs, double toneHz, double purity, boolean excluded) {
        boolean tonal = !excluded && isTonal(levelDbfs, toneHz, purity);
        if (tonal && (frames == 0 || Math.abs(toneHz - sumHz / frames) <= 0.02 * (sumHz / frames))) {
            sumHz += toneHz;
            frames++;
            return false;
        }
        boolean ended = !tonal && frames >= minFrames && frames <= maxFrames;
        if (ended) {
            beepHz = sumHz / frames;
            beepFrames = frames;
        }
        sumHz = tonal ? toneHz : 0;
        frames = tonal ? 1 : 0;
        return ended;
    }

    /** Whether a tone is sounding now (possibly the start of a beep). */
    boolean inTone() {
        return frames > 0;
    }

    /** Mean frequency of the last beep, Hz. */
    double beepHz() {
        return beepHz;
    }

    /** Length of the last beep in frames. */
    int beepFrames() {
        return beepFrames;
    }
}
