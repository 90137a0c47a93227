package org.opendialer.messaging.sms;

import java.time.Clock;
import java.time.Duration;

/**
 * Spaces submits on one bind to a rate, and backs off when the SMSC says ESME_RTHROTTLED (0x58): each throttle
 * pushes the next slot out by a back-off that doubles (from 50 ms up to 5 s) until a submit succeeds again. Pure
 * arithmetic on an injected clock; the caller waits the returned time however it likes (tests advance a fake clock).
 * Thread-safe.
 */
public final class SendPacer {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Clock clock;
    private final long intervalNanos;
    private long nextSlot = Long.MIN_VALUE;
    private long backoffNanos;

    /** @param perSecond sends per second; 0 = no spacing (only back-off applies) */
    public SendPacer(Clock clock, int perSecond) {
        this.clock = clock;
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
    }

    private long now() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Reserves the next send slot; returns how long the caller must wait before sending (zero when none). */
    public synchronized Duration reserve() {
        long now = now();
        long slot = Math.max(now, nextSlot);
        nextSlot = slot + intervalNanos;
        return Duration.ofNanos(slot - now);
    }

    /** The SMSC throttled us: no slot before now + back-off; returns that back-off. */
    public synchronized Duration throttled() {
        backoffNanos = backoffNanos == 0 ? FIRST_BACKOFF.toNanos() : Math.min(backoffNanos * 2, MAX_BACKOFF.toNanos());
        nextSlot = Math.max(nextSlot, now() + backoffNanos);
        return Duration.ofNanos(backoffNanos);
    }

    /** A submit went through: the back-off starts small again next time. */
    public synchronized void succeeded() {
        backoffNanos = 0;
    }

    /** Waits a duration; {@link #REAL} sleeps, tests advance a fake clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> {
            if (!d.isZero() && !d.isNegative()) {
                Thread.sleep(d);
            }
        };
    }
}
