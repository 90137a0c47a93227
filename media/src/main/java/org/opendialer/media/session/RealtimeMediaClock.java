package org.opendialer.media.session;

import java.util.concurrent.locks.LockSupport;

/**
 * Wall-clock ticks from one dedicated thread that parks until each 20 ms deadline. Deadlines are computed from
 * the start time, not from the previous wake-up, so scheduling delay never accumulates into drift.
 */
final class RealtimeMediaClock implements MediaClock {

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public boolean synchronous() {
        return false;
    }

    @Override
    public AutoCloseable start(TickTarget target) {
        long origin = System.nanoTime();
        Thread thread = Thread.ofPlatform().name("media-clock").daemon(true).unstarted(() -> {
            long index = 0;
            while (!Thread.currentThread().isInterrupted()) {
                long due = origin + (index + 1) * TICK_NANOS;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                target.tick(++index, due);
            }
        });
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        return () -> {
            thread.interrupt();
            thread.join(1000);
        };
    }
}
