package org.opendialer.amd.progress;

/**
 * Recognises a special information tone from three consecutive single-frequency segments and decodes its variant
 * ({@link SitCode}). Works on the zero-crossing frequency and purity of each frame, which over a 274-380 ms segment
 * is accurate to a few hertz, enough to tell 913.8 from 950 from 985.2 Hz.
 *
 * <p>Accepted: segment 1 in 880-1020 Hz, 2 in 1330-1470 Hz, 3 in 1740-1850 Hz, each 200-480 ms long, gaps between
 * them of at most 60 ms (ITU allows 30 ms). Lengths shorter than 327 ms are "short" (274 ms), longer "long" (380).
 */
public final class SitToneDetector {

    private static final int FRAME_MS = 20;
    private static final double MIN_PURITY = 0.7;
    private static final double MIN_LEVEL_DBFS = -50;
    private static final double SAME_TONE_HZ = 30;
    private static final int MAX_GAP_FRAMES = 3;
    private static final double SHORT_LONG_SPLIT_MS = 327;

    // The last three finished runs: mean frequency, length in frames, non-tonal frames before the run.
    private final double[] runHz = new double[3];
    private final int[] runFrames = new int[3];
    private final int[] runGap = new int[3];
    private int runs;

    private double curSum;
    private int curFrames;
    private int gapFrames;

    private SitCode lastCode;
    private double lastFirstHz;

    /**
     * Feeds one analysed frame.
     *
     * @return true on the frame where a complete SIT has just been recognised; see {@link #lastCode()}
     */
    public boolean update(double levelDbfs, double toneHz, double purity) {
        boolean tonal = purity >= MIN_PURITY && levelDbfs >= MIN_LEVEL_DBFS && toneHz >= 850 && toneHz <= 1900;
        boolean recognised = false;
        if (tonal && curFrames > 0 && Math.abs(toneHz - curSum / curFrames) <= SAME_TONE_HZ) {
            curSum += toneHz;
            curFrames++;
            return false;
        }
        if (curFrames > 0) {
            recognised = finishRun();
        }
        if (tonal) {
            curSum = toneHz;
            curFrames = 1;
        } else {
            gapFrames++;
        }
        return recognised;
    }

    /** True while a candidate segment is sounding (so speech detectors can ignore the frame). */
    public boolean inTone() {
        return curFrames > 0;
    }

    public SitCode lastCode() {
        return lastCode;
    }

    /** Measured frequency of the first segment of the last recognised SIT. */
    public double lastFirstHz() {
        return lastFirstHz;
    }

    private boolean finishRun() {
        if (curFrames < 3) {
            // a frame or two of "tone" at a segment boundary or in noise is part of the gap, not a segment
            gapFrames += curFrames;
            curFrames = 0;
            curSum = 0;
            return false;
        }
        if (runs == 3) {
            shift();
        }
        runHz[runs] = curSum / curFrames;
        runFrames[runs] = curFrames;
        runGap[runs] = gapFrames;
        runs++;
        curFrames = 0;
        curSum = 0;
        gapFrames = 0;
        if (runs == 3 && isSit()) {
            lastCode = decode();
            lastFirstHz = runHz[0];
            runs = 0;
            return true;
        }
        return false;
    }

    private void shift() {
        for (int i = 0; i < 2; i++) {
            runHz[i] = runHz[i + 1];
            runFrames[i] = runFrames[i + 1];
            runGap[i] = runGap[i + 1];
        }
        runs = 2;
    }

    private boolean isSit() {
        return between(runHz[0], 880, 1020) && between(runHz[1], 1330, 1470) && between(runHz[2], 1740, 1850)
                && runGap[1] <= MAX_GAP_FRAMES && runGap[2] <= MAX_GAP_FRAMES
                && between(lengthMs(0), 200, 480) && between(lengthMs(1), 200, 480) && between(lengthMs(2), 200, 480);
    }

    /** Run length with the transition frames around it split evenly between neighbours. */
    private double lengthMs(int i) {
        double frames = runFrames[i];
        if (i > 0) {
            frames += runGap[i] / 2.0;
        }
        if (i < 2) {
            frames += runGap[i + 1] / 2.0;
        } else {
            frames += 0.5; // the frame where the last segment faded shares it with what follows
        }
        return frames * FRAME_MS;
    }

    private SitCode decode() {
        if (nearer(runHz[2], 1800, 1776.7)) {
            return SitCode.ITU;
        }
        boolean high1 = nearer(runHz[0], 985.2, 913.8);
        boolean high2 = nearer(runHz[1], 1428.5, 1370.6);
        boolean long1 = lengthMs(0) > SHORT_LONG_SPLIT_MS;
        boolean long2 = lengthMs(1) > SHORT_LONG_SPLIT_MS;
        int key = (high1 ? 8 : 0) | (long1 ? 4 : 0) | (high2 ? 2 : 0) | (long2 ? 1 : 0);
        return switch (key) {
            case 0b1111, 0b0101 -> SitCode.NC; // high-long high-long; intra-LATA low-long low-long
            case 0b0000 -> SitCode.IC;         // low-short low-short
            case 0b1100 -> SitCode.VC;         // high-long low-short
            case 0b0011, 0b1001 -> SitCode.RO; // low-short high-long; inter-LATA high-short low-long
            default -> SitCode.UNKNOWN;
        };
    }

    private static boolean nearer(double x, double a, double b) {
        return Math.abs(x - a) < Math.abs(x - b);
    }

    private static boolean between(double x, double lo, double hi) {
        return x >= lo && x <= hi;
    }
}
