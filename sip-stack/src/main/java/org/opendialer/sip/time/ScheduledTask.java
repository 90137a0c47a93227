package org.opendialer.sip.time;

import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * A task as both schedulers run it: skipped once cancelled (the virtual scheduler never removes a cancelled entry,
 * see {@link VirtualScheduler}), and a failure logged rather than silently ending a periodic timer.
 */
final class ScheduledTask implements Runnable, Scheduler.Cancellable {

    private static final Logger LOG = new LoggerImpl(Scheduler.class.getName());

    private final Runnable task;
    private volatile boolean cancelled;

    ScheduledTask(Runnable task) {
        this.task = task;
    }

    @Override
    public void run() {
        if (cancelled) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("timer task " + task + " failed", e);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }
}
