package org.opendialer.sip.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jitsi.utils.concurrent.FakeScheduledExecutorService;
import org.jitsi.utils.time.FakeClock;

/**
 * A {@link Scheduler} for tests whose time stands still until {@link #advance} moves it. The timeline is
 * jitsi-utils' {@link FakeScheduledExecutorService} (already on our class path with jitsi's logging); this class
 * adds what it lacks for a server with many threads:
 * <ul>
 *   <li>a lock, as legs schedule from their own threads while the test advances;</li>
 *   <li>time readable from any thread without that lock (a volatile copy, set before each task runs);</li>
 *   <li>cancelling by a flag, never jitsi's own cancel: its {@code runUntil} skips a cancelled head entry and then
 *       runs the next entry even when that is due after the end, jumping time past it.</li>
 * </ul>
 * Fixed-delay periods are whole milliseconds (jitsi's resolution); one-shot delays keep nanoseconds. Tasks run on
 * the thread calling {@link #advance}, in due order, equal times first-scheduled first, and a task scheduled by a
 * task runs in the same call when it falls due before the end.
 *
 * <p>A timer set by another thread after an {@code advance} counts from the new time: a test must know such timers
 * are set (an event emitted after them, or a watching {@link Scheduler} in between) before moving past them.
 */
public final class VirtualScheduler implements Scheduler {

    /** Where virtual time starts unless told otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
    /** {@link #nanoTime()} at the start: never 0, which some callers take for "not set". */
    private static final long NANO_ORIGIN = 1_000_000_000L;

    private final ReentrantLock lock = new ReentrantLock();
    private final FakeClock fakeClock = new FakeClock();
    private final FakeScheduledExecutorService timeline = new FakeScheduledExecutorService(fakeClock);
    private final Instant start;
    private volatile Instant now;

    public VirtualScheduler() {
        this(DEFAULT_START);
    }

    public VirtualScheduler(Instant start) {
        this.start = start;
        this.now = start;
        fakeClock.setTime(start);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledTask t = new ScheduledTask(task);
        lock.lock();
        try {
            timeline.schedule(() -> runAtItsTime(t), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
        return t;
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
        if (delay.toMillis() <= 0) {
            throw new IllegalArgumentException("delay: at least 1 ms, was " + delay);
        }
        ScheduledTask t = new ScheduledTask(task);
        lock.lock();
        try {
            timeline.scheduleWithFixedDelay(() -> runAtItsTime(t), Math.max(0, initialDelay.toMillis()),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
        return t;
    }

    private void runAtItsTime(ScheduledTask t) {
        now = fakeClock.instant();
        t.run();
    }

    /**
     * Moves time forward by {@code step}, running every task due up to and including the new time, each with the
     * clock set to its own due time. Returns once they have run; work they hand to other threads may still be going.
     */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("step: time does not go back, was " + step);
        }
        lock.lock();
        try {
            Instant end = fakeClock.instant().plus(step);
            timeline.runUntil(end);
            fakeClock.setTime(end);
            now = end;
        } finally {
            lock.unlock();
        }
    }

    /** Runs what is due now without moving time (timers scheduled with no delay). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Virtual time elapsed since the start. */
    public Duration elapsed() {
        return Duration.between(start, now);
    }

    @Override
    public long nanoTime() {
        return NANO_ORIGIN + elapsed().toNanos();
    }

    @Override
    public Clock clock() {
        return new View(ZoneOffset.UTC);
    }

    /** A read-only clock on this scheduler's time line. */
    private final class View extends Clock {
        private final ZoneId zone;

        View(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new View(other);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
