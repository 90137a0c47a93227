package org.opendialer.media.dtmf;

import static org.opendialer.media.dtmf.InbandDtmfDetector.HITS_TO_BEGIN;
import static org.opendialer.media.dtmf.InbandDtmfDetector.MAX_DRIFT;
import static org.opendialer.media.dtmf.InbandDtmfDetector.MIN_NOISY_HITS;
import static org.opendialer.media.dtmf.InbandDtmfDetector.MIN_SPAN;
import static org.opendialer.media.dtmf.InbandDtmfDetector.STRONG;
import static org.opendialer.media.dtmf.InbandDtmfDetector.WINDOW;

/**
 * The hits of one candidate digit in {@link InbandDtmfDetector}: their tone power, end sample and measured frequency
 * errors, and the rules that make a run a digit. Fixed arrays, reset per run: nothing is allocated per frame.
 */
final class DigitRun {

    private final double[] power = new double[256];
    private final double[] devRow = new double[256];
    private final double[] devCol = new double[256];
    private final long[] end = new long[256];
    private int length;
    private double maxPower;
    private long firstStrongStart;
    private long lastStrongEnd;

    void reset() {
        length = 0;
        maxPower = 0;
    }

    void add(double tonePower, long windowEnd, double rowDeviation, double colDeviation) {
        if (length < power.length) {
            power[length] = tonePower;
            end[length] = windowEnd;
            devRow[length] = rowDeviation;
            devCol[length] = colDeviation;
        }
        length++;
        maxPower = Math.max(maxPower, tonePower);
    }

    int length() {
        return length;
    }

    double maxPower() {
        return maxPower;
    }

    long firstStrongStart() {
        return firstStrongStart;
    }

    long lastStrongEnd() {
        return lastStrongEnd;
    }

    /**
     * The run is a digit: {@value InbandDtmfDetector#HITS_TO_BEGIN} strong hits, or (in noise, where some windows of
     * a tone fail) {@value InbandDtmfDetector#MIN_NOISY_HITS} strong hits spread over at least
     * {@value InbandDtmfDetector#MIN_SPAN} samples — a span no tone shorter than 30 ms can produce with strong
     * windows, and every 40 ms tone does.
     */
    boolean isDigit() {
        int strong = strongHits();
        return strong >= HITS_TO_BEGIN || (strong >= MIN_NOISY_HITS && lastStrongEnd - firstStrongStart >= MIN_SPAN);
    }

    /**
     * Hits at no less than 70 % of the run's peak amplitude; sets the strong span. Returns 0 if the tones'
     * frequencies wandered across those hits by more than {@link InbandDtmfDetector#MAX_DRIFT}: a key holds its
     * frequency, a voice gliding through a formant pair does not.
     */
    private int strongHits() {
        int n = Math.min(length, power.length);
        int strong = 0;
        double minR = 1;
        double maxR = -1;
        double minC = 1;
        double maxC = -1;
        for (int i = 0; i < n; i++) {
            if (power[i] >= STRONG * maxPower) {
                if (strong == 0) {
                    firstStrongStart = end[i] - WINDOW;
                }
                lastStrongEnd = end[i];
                strong++;
                minR = Math.min(minR, devRow[i]);
                maxR = Math.max(maxR, devRow[i]);
                minC = Math.min(minC, devCol[i]);
                maxC = Math.max(maxC, devCol[i]);
            }
        }
        if (maxR - minR > MAX_DRIFT || maxC - minC > MAX_DRIFT) {
            return 0;
        }
        return strong + Math.max(0, length - n);
    }
}
