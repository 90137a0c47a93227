package org.opendialer.api;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition a real server reaches on its own time (a call ends, a router offers, a campaign
 * completes): the condition is asked again until it holds or the limit passes. The limit is a failure bound, never a
 * measurement: it is read on the monotonic clock ({@link System#nanoTime}), so a wall-clock step cannot cut it
 * short or stretch it, and the pause between questions only spares the server (the answer never depends on it).
 */
public final class Await {

    /** Pause between two questions. */
    private static final long PAUSE_MS = 20;

    private Await() {
    }

    /** A question to the server: null while the answer is not there yet; may throw what the client throws. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) throws Exception {
        value(what, limit, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** The first non-null value of {@code probe}; fails naming {@code what} after {@code limit}. */
    public static <T> T value(String what, Duration limit, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(PAUSE_MS);
        }
    }
}
