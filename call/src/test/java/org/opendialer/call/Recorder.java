package org.opendialer.call;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Keeps a session's events, in the order delivered, for assertions; tests wait on it with a deadline. */
final class Recorder implements SessionListener {

    private final List<SessionEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(SessionEvent event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<SessionEvent> all() {
        return List.copyOf(events);
    }

    /** Waits for the first event of {@code type} matching {@code test}; fails after {@code seconds}. */
    synchronized <T extends SessionEvent> T await(Class<T> type, Predicate<T> test, long seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (SessionEvent e : events) {
                if (type.isInstance(e) && test.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + seconds + " s; saw " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    <T extends SessionEvent> T await(Class<T> type, long seconds) throws InterruptedException {
        return await(type, e -> true, seconds);
    }
}
