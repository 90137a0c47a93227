package org.opendialer.media.session;

/**
 * Time source and 20 ms tick driver for the media engine. Everything timed in the media path (playout, pacing,
 * DTMF durations, collect timeouts, recording limits) counts these ticks, so a manual clock runs it in virtual time.
 */
public interface MediaClock {

    long TICK_NANOS = 20_000_000L;

    /** Receives ticks; {@code scheduledNanos} is when the tick was due on this clock's {@link #nanoTime()}. */
    interface TickTarget {
        void tick(long index, long scheduledNanos);
    }

    long nanoTime();

    long epochMillis();

    /** True if ticks are delivered by a test calling {@code advance}; the server then runs each tick to completion. */
    boolean synchronous();

    /** Starts ticking {@code target}; closing the handle stops it. */
    AutoCloseable start(TickTarget target);

    static MediaClock realtime() {
        return new RealtimeMediaClock();
    }
}
