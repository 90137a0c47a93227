package org.opendialer.sip.time;

import java.time.Clock;
import java.time.Duration;

/**
 * Every timer of ours (ring timeout, CPS pacing, keep-alives, session refresh, registration expiry) and the time
 * they are measured in, behind one seam: {@link #system()} in the server, {@link VirtualScheduler} in tests, where
 * time moves only when the test says so. Protocol timers inside JAIN-SIP (RFC 3261 Timer A-K) are not ours and stay
 * in real time.
 *
 * <p>Thread-safe. Tasks run on the scheduler's own thread (the test thread for a virtual scheduler), so they must be
 * short: hand real work to the owner's executor. A task that throws is logged; a periodic one keeps its schedule.
 */
public interface Scheduler {

    /** Runs {@code task} once, {@code delay} from {@link #nanoTime()} now (zero or negative: as soon as possible). */
    Cancellable schedule(Runnable task, Duration delay);

    /** Runs {@code task} after {@code initialDelay}, then {@code delay} after each run ends. */
    Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay);

    /** Monotonic nanoseconds of this scheduler's time, for intervals only (like {@link System#nanoTime()}). */
    long nanoTime();

    /** Wall-clock time on the same time line (UTC), for what is stored or shown. */
    Clock clock();

    /** A timer that can be stopped before it runs (or, if periodic, before its next run). */
    interface Cancellable {
        /** Idempotent; a run already under way finishes. */
        void cancel();
    }

    /** Real time on one daemon thread named {@code threadName}; close it to stop the thread. */
    static ExecutorScheduler system(String threadName) {
        return ExecutorScheduler.singleThread(threadName);
    }
}
