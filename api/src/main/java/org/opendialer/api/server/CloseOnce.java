package org.opendialer.api.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A part registered for stopping twice (alone, for a start that fails early, and with the parts it stops beside)
 * that is closed only by whichever comes first.
 */
final class CloseOnce<T extends AutoCloseable> implements AutoCloseable {

    private final T part;
    private final AtomicBoolean closed = new AtomicBoolean();

    CloseOnce(T part) {
        this.part = part;
    }

    T part() {
        return part;
    }

    @Override
    public void close() throws Exception {
        if (closed.compareAndSet(false, true)) {
            part.close();
        }
    }

    /** Closes every part at once on its own thread and returns when all have; the first failure is rethrown. */
    static void inParallel(AutoCloseable... parts) throws Exception {
        List<Thread> threads = new ArrayList<>();
        Exception[] failure = new Exception[1];
        for (AutoCloseable p : parts) {
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                try {
                    p.close();
                } catch (Exception e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
