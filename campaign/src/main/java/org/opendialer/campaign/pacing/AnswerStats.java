package org.opendialer.campaign.pacing;

import java.time.Duration;
import java.util.Arrays;

/**
 * The measured fate of the latest {@value #SIZE} placed calls: how each ended and how long after it was placed.
 * From them, with no assumed distribution: the live-answer rate, and the chance that a call still ringing after
 * {@code e} seconds is answered live in the next {@code d} (a call that has rung long is less likely to be answered
 * than a fresh one). Tables are on a one-second grid up to {@value #MAX_SECONDS} s and rebuilt every
 * {@value #REBUILD_EVERY} calls. Not thread-safe: one pacer per campaign, called from its tick.
 */
final class AnswerStats {

    static final int SIZE = 1000;
    static final int MAX_SECONDS = 300;
    static final int REBUILD_EVERY = 20;

    private final boolean[] live = new boolean[SIZE];
    private final double[] seconds = new double[SIZE];
    private int count;
    private int next;
    private int sinceBuild;
    /** liveCum[s]: live answers at most s seconds after placing; doneCum[s]: calls of any outcome ended by then. */
    private final int[] liveCum = new int[MAX_SECONDS + 2];
    private final int[] doneCum = new int[MAX_SECONDS + 2];
    private int liveTotal;

    void record(AttemptOutcome outcome, Duration afterPlaced) {
        live[next] = outcome == AttemptOutcome.LIVE;
        seconds[next] = Math.max(0, afterPlaced.toMillis() / 1000.0);
        next = (next + 1) % SIZE;
        count = Math.min(count + 1, SIZE);
        if (++sinceBuild >= REBUILD_EVERY || count < REBUILD_EVERY) {
            rebuild();
        }
    }

    int samples() {
        return count;
    }

    int liveSamples() {
        return liveTotal;
    }

    double liveRate() {
        return count == 0 ? 0 : (double) liveTotal / count;
    }

    /** P(a call placed now is answered live within {@code d} seconds). */
    double liveWithin(int d) {
        return count == 0 ? 0 : (double) liveCum[clamp(d)] / count;
    }

    /**
     * P(a call ringing for {@code elapsed} seconds is answered live within the next {@code d}); 0 once it has rung
     * longer than any measured call ended, the data saying nobody answers that late.
     */
    double liveWithin(double elapsed, int d) {
        int e = clamp((int) elapsed);
        int stillRinging = count - doneCum[e];
        if (stillRinging <= 0) {
            return 0;
        }
        return (double) (liveCum[clamp(e + d)] - liveCum[e]) / stillRinging;
    }

    /** The {@code q} quantile of the time to a live answer, in whole seconds (0 with no live answer yet). */
    int liveQuantile(double q) {
        if (liveTotal == 0) {
            return 0;
        }
        for (int s = 0; s <= MAX_SECONDS + 1; s++) {
            if (liveCum[s] >= q * liveTotal) {
                return s;
            }
        }
        return MAX_SECONDS;
    }

    private void rebuild() {
        sinceBuild = 0;
        Arrays.fill(liveCum, 0);
        Arrays.fill(doneCum, 0);
        liveTotal = 0;
        for (int i = 0; i < count; i++) {
            int s = clamp((int) Math.ceil(seconds[i]));
            doneCum[s]++;
            if (live[i]) {
                liveCum[s]++;
                liveTotal++;
            }
        }
        for (int s = 1; s < liveCum.length; s++) {
            liveCum[s] += liveCum[s - 1];
            doneCum[s] += doneCum[s - 1];
        }
    }

    private static int clamp(int s) {
        return Math.max(0, Math.min(MAX_SECONDS + 1, s));
    }
}
