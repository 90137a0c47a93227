package org.opendialer.acd.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system's UTC time plus an offset a test moves forward: the ACD's limits (alerts, idle order) run on it while
 * real calls, whose media and SIP timers need real time, keep their own clock. Moving it stands in for waiting.
 */
final class ShiftableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    synchronized void advance(Duration d) {
        offset = offset.plus(d);
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
        return Instant.now().plus(offset);
    }
}
