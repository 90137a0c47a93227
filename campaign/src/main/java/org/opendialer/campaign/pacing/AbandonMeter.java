package org.opendialer.campaign.pacing;

import java.time.Duration;
import java.time.Instant;

/**
 * The abandon rate (abandoned / live answers) over a rolling window, the regulator's measure. The window is kept as
 * {@value #BUCKETS} buckets (30 days: one per hour; 24 h: one per two minutes), so memory is fixed and a call
 * leaves the window at most one bucket late, which only makes the measure stricter.
 */
public final class AbandonMeter {

    static final int BUCKETS = 720;

    private final long bucketMillis;
    private final long[] live = new long[BUCKETS];
    private final long[] abandoned = new long[BUCKETS];
    private long head = Long.MIN_VALUE;
    private long liveSum;
    private long abandonedSum;

    public AbandonMeter(Duration window) {
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
    }

    /** One live answer at {@code at}; {@code abandoned} when no agent took it within the grace time. */
    public void record(Instant at, boolean wasAbandoned) {
        advance(at);
        int i = (int) Math.floorMod(head, (long) BUCKETS);
        live[i]++;
        liveSum++;
        if (wasAbandoned) {
            abandoned[i]++;
            abandonedSum++;
        }
    }

    /** Abandoned / live answered over the window ending at {@code now}; 0 with no live answer. */
    public double rate(Instant now) {
        advance(now);
        return liveSum == 0 ? 0 : (double) abandonedSum / liveSum;
    }

    public long liveAnswers(Instant now) {
        advance(now);
        return liveSum;
    }

    public long abandons(Instant now) {
        advance(now);
        return abandonedSum;
    }

    private void advance(Instant now) {
        long b = Math.floorDiv(now.toEpochMilli(), bucketMillis);
        if (head == Long.MIN_VALUE) {
            head = b;
            return;
        }
        if (b <= head) {
            return; // a late report lands in the newest bucket: never outside the window
        }
        long steps = Math.min(b - head, BUCKETS);
        for (long s = 1; s <= steps; s++) {
            int i = (int) Math.floorMod(head + s, (long) BUCKETS);
            liveSum -= live[i];
            abandonedSum -= abandoned[i];
            live[i] = 0;
            abandoned[i] = 0;
        }
        head = b;
    }
}
