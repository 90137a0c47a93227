package org.opendialer.sip.time;

import java.time.Clock;
import java.time.Duration;

/** A {@link Scheduler} that hands everything to another; a test overrides the call it wants to watch. */
public class ForwardingScheduler implements Scheduler {

    private final Scheduler to;

    public ForwardingScheduler(Scheduler to) {
        this.to = to;
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        return to.schedule(task, delay);
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
        return to.scheduleWithFixedDelay(task, initialDelay, delay);
    }

    @Override
    public long nanoTime() {
        return to.nanoTime();
    }

    @Override
    public Clock clock() {
        return to.clock();
    }
}
