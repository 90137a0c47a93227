package org.opendialer.campaign.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system's UTC clock moved ahead by hand: for a runner whose calls need time to pass as usual while a test
 * brings a callback's due time (or an agent's wait) forward without waiting for it.
 */
final class ShiftedClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    synchronized void advance(Duration d) {
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
