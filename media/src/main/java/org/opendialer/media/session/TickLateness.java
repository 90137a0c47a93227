package org.opendialer.media.session;

/**
 * Media-clock lateness, in 0.1 ms buckets up to 100 ms: per frame (due time to the moment that leg's frame was
 * sent), per loop wake-up (due time to the start of the tick's work), and the worst end of a tick's work.
 */
public final class TickLateness {
    final long[] buckets = new long[1001];
    final long[] wakeBuckets = new long[1001];
    final long[] intervalBuckets = new long[1001];
    long ticks;
    long frames;
    long skipped;
    long maxNanos;

    /** Ticks an overloaded loop skipped (each skips one sent frame of every leg on it; received ones are owed). */
    public long skippedTicks() {
        return skipped;
    }

    /** Send jitter: |interval between a leg's consecutive frames - 20 ms| at quantile q, in milliseconds. */
    public double intervalDeviationQuantileMs(double q) {
        return quantile(intervalBuckets, frames, q);
    }

    /** Like {@link #quantileMs} but for the start of the tick's work: scheduling delay without the work. */
    public double wakeQuantileMs(double q) {
        return quantile(wakeBuckets, ticks, q);
    }

    /** Frame lateness at quantile q (0..1), in milliseconds (bucket resolution 0.1 ms). */
    public double quantileMs(double q) {
        return quantile(buckets, frames, q);
    }

    private static double quantile(long[] buckets, long count, double q) {
        long target = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= target && target > 0) {
                return i / 10.0;
            }
        }
        return 0;
    }

    /** Loop-ticks recorded (ticks times event loops). */
    public long ticks() {
        return ticks;
    }

    /** Worst end of a tick's work after its due time. */
    public double maxMs() {
        return maxNanos / 1e6;
    }
}
