package org.opendialer.store.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system's UTC clock moved ahead by hand: for code whose calls need time to pass as usual (SIP and media
 * timers) while a test brings a due time (a callback, an agent's wait) forward instead of waiting for it.
 */
public final class ShiftedClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    public synchronized void advance(Duration d) {
        ahead = ahead.plus(d);
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
        return Instant.now().plus(ahead);
    }
}
