package org.opendialer.amd.impl;

import org.opendialer.amd.dsp.FrameAnalyzer;

/**
 * Finds beeps: a single steady tone of 400-3400 Hz whose frequency stays within 2 % for at least the minimum length,
 * then stops (followed by something that is not a tone; a tone followed by another tone is a segment of a SIT or
 * similar). Each frame of a beep is a {@link FrameAnalyzer#singleTone()}.
 */
final class BeepTracker {

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

    /**
     * Feeds one frame.
     *
     * @param excluded the frame belongs to a known table tone (ringback, busy...), which is never a beep
     * @return true on the first frame after a beep of acceptable length ended
     */
    boolean update(FrameAnalyzer f, boolean excluded) {
        boolean tonal = !excluded && f.singleTone();
        double toneHz = f.toneHz();
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
