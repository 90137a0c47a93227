package org.opendialer.sip.time;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link Scheduler} in real time over a {@link ScheduledExecutorService}; closing shuts that executor down. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private final ScheduledExecutorService executor;

    public ExecutorScheduler(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static ExecutorScheduler singleThread(String threadName) {
        return new ExecutorScheduler(Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }));
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledTask t = new ScheduledTask(task);
        return handle(t, executor.schedule(t, delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
        ScheduledTask t = new ScheduledTask(task);
        return handle(t, executor.scheduleWithFixedDelay(t, initialDelay.toNanos(), delay.toNanos(),
                TimeUnit.NANOSECONDS));
    }

    private static Cancellable handle(ScheduledTask task, ScheduledFuture<?> future) {
        return () -> {
            task.cancel();
            future.cancel(false);
        };
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Stops the executor: pending timers never run. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
