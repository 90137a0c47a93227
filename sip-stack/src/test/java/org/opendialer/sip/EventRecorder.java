package org.opendialer.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects a leg's events so tests can wait for the terminal one and check the order of the rest. */
final class EventRecorder implements CallListener {

    private final BlockingQueue<CallEvent> queue = new LinkedBlockingQueue<>();
    private final List<CallEvent> seen = new ArrayList<>();

    @Override
    public void onEvent(CallEvent event) {
        queue.add(event);
    }

    /** Next event of the given type, skipping others (kept in {@link #seen}); fails after the timeout. */
    <T extends CallEvent> T await(Class<T> type, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            CallEvent e = queue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + seconds + " s; saw " + seen);
            }
            seen.add(e);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }

    /** The next event within {@code millis} (kept in {@link #seen}), or null when none came. */
    CallEvent poll(long millis) throws InterruptedException {
        CallEvent e = queue.poll(millis, TimeUnit.MILLISECONDS);
        if (e != null) {
            seen.add(e);
        }
        return e;
    }

    List<Class<?>> kinds() {
        return seen.stream().<Class<?>>map(Object::getClass).toList();
    }
}
