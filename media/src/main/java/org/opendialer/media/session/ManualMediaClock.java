package org.opendialer.media.session;

/** Virtual time for tests: nothing happens until {@link #advance} is called, which runs ticks to completion. */
public final class ManualMediaClock implements MediaClock {

    private volatile TickTarget target;
    private long index;
    private long nanos = 1_000_000_000L;
    private final long epochOrigin;

    public ManualMediaClock(long epochMillis) {
        this.epochOrigin = epochMillis;
    }

    public ManualMediaClock() {
        this(1_700_000_000_000L);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochMillis() {
        return epochOrigin + (nanos - 1_000_000_000L) / 1_000_000;
    }

    @Override
    public boolean synchronous() {
        return true;
    }

    @Override
    public AutoCloseable start(TickTarget t) {
        target = t;
        return () -> target = null;
    }

    /** Runs {@code ticks} media ticks (20 ms each) one after another on the calling thread's behalf. */
    public synchronized void advance(int ticks) {
        for (int i = 0; i < ticks; i++) {
            nanos += TICK_NANOS;
            TickTarget t = target;
            if (t != null) {
                t.tick(++index, nanos);
            }
        }
    }

    /**
     * Models a media loop busy for {@code ticks} ticks: time moves on and the tick requests of that time are
     * coalesced, so the next {@link #advance} delivers a tick {@code ticks + 1} after the last one delivered (a loop
     * then skips {@code ticks} of them, beyond the few it catches up).
     */
    public synchronized void stall(int ticks) {
        index += ticks;
        nanos += ticks * TICK_NANOS;
    }

    public long ticks() {
        return index;
    }
}
