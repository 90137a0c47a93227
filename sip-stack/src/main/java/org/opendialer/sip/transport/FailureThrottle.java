package org.opendialer.sip.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Back-off for keys (a source address, a user) that fail authentication: {@code maxFailures} failures within
 * {@code window} start a back-off of {@code firstBackoff}, and each further back-off of the same key doubles it up to
 * {@code maxBackoff}, so a guesser slows down ever more while a phone with a stale password is never shut out for
 * longer than the cap. A key quiet for {@code maxBackoff} after its back-off is forgotten, and {@link #reset} forgets it at once (a
 * success). At most {@link #MAX_KEYS} keys are kept (least recently used go first), whatever a flood of spoofed
 * sources does. Time comes from an injected nanosecond clock. Thread-safe.
 */
final class FailureThrottle {

    static final int MAX_KEYS = 10_000;

    private final int maxFailures;
    private final long windowNanos;
    private final long firstBackoffNanos;
    private final long maxBackoffNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Backoff> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Backoff> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** Failure times of one key (a ring of the last {@code maxFailures}) and its back-off. */
    private static final class Backoff {
        final long[] failures;
        int next;
        int count;
        int backoffs;
        long blockedUntil;
        long lastFailure;

        Backoff(int maxFailures) {
            failures = new long[maxFailures];
        }
    }

    FailureThrottle(int maxFailures, long window, long firstBackoff, long maxBackoff, TimeUnit unit,
                    LongSupplier nanoClock) {
        this.maxFailures = maxFailures;
        this.windowNanos = unit.toNanos(window);
        this.firstBackoffNanos = unit.toNanos(firstBackoff);
        this.maxBackoffNanos = unit.toNanos(maxBackoff);
        this.nanoClock = nanoClock;
    }

    /** Nanoseconds this key must still wait, 0 when it may try. */
    synchronized long remainingNanos(String key) {
        Backoff e = entries.get(key);
        return e == null ? 0 : Math.max(0, e.blockedUntil - nanoClock.getAsLong());
    }

    /** Records a failure; returns the back-off it started in nanoseconds, or 0 when none started. */
    synchronized long failed(String key) {
        long now = nanoClock.getAsLong();
        Backoff e = entries.get(key);
        if (e == null || now - Math.max(e.lastFailure, e.blockedUntil) >= maxBackoffNanos) {
            e = new Backoff(maxFailures);
            entries.put(key, e);
        }
        e.lastFailure = now;
        e.failures[e.next] = now;
        e.next = (e.next + 1) % maxFailures;
        e.count = Math.min(e.count + 1, maxFailures);
        // the ring is full and its oldest failure (the next to be overwritten) lies within the window
        if (e.count == maxFailures && now - e.failures[e.next] < windowNanos) {
            long backoff = firstBackoffNanos;
            for (int i = 0; i < e.backoffs && backoff < maxBackoffNanos; i++) {
                backoff *= 2;
            }
            backoff = Math.min(backoff, maxBackoffNanos);
            e.backoffs++;
            e.blockedUntil = now + backoff;
            e.count = 0;
            return backoff;
        }
        return 0;
    }

    synchronized void reset(String key) {
        entries.remove(key);
    }
}
