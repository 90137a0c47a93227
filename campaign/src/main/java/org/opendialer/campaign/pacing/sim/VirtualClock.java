package org.opendialer.campaign.pacing.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Simulated time: moves only when the simulator sets it, so a run of hours takes as long as its events do. */
public final class VirtualClock extends Clock {

    private long millis;

    public VirtualClock(long startMillis) {
        this.millis = startMillis;
    }

    /** Moves to {@code at}; never backwards. */
    public void set(long at) {
        if (at < millis) {
            throw new IllegalArgumentException("virtual time goes forward only: " + at + " < " + millis);
        }
        millis = at;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
