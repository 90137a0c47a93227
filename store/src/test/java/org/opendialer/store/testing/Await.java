package org.opendialer.store.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for what a real part does on its own time (a receipt, a call's end, a router's offer): the condition is
 * asked again until it holds or the limit passes. The limit is a failure bound, never a measurement: it is read on the
 * monotonic clock ({@link System#nanoTime}), so a wall-clock step cannot cut it short, and the pause between questions
 * only spares the machine (no answer depends on it). Pacing and timers are never tested through it.
 */
public final class Await {

    private static final Duration DEFAULT_LIMIT = Duration.ofSeconds(15);
    private static final long PAUSE_MS = 5;

    private Await() {
    }

    /** A question: null while the answer is not there yet; may throw what the client throws. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after 15 s. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_LIMIT, condition);
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        try {
            value(what, limit, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // a BooleanSupplier throws nothing checked
        }
    }

    /** The first non-null answer of {@code probe}; fails naming {@code what} after {@code limit}. */
    public static <T> T value(String what, Duration limit, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
