package org.opendialer.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand; also a {@link org.opendialer.messaging.sms.SendPacer.Sleeper} that advances it. */
public final class FakeClock extends Clock implements org.opendialer.messaging.sms.SendPacer.Sleeper {

    private volatile Instant now;
    private final java.util.concurrent.atomic.AtomicLong sleptNanos = new java.util.concurrent.atomic.AtomicLong();

    public FakeClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public void sleep(Duration d) {
        if (!d.isZero() && !d.isNegative()) {
            sleptNanos.addAndGet(d.toNanos());
            advance(d);
        }
    }

    public Duration slept() {
        return Duration.ofNanos(sleptNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
