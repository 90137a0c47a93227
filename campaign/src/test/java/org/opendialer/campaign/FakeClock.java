package org.opendialer.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.opendialer.messaging.sms.SendPacer;

/** A clock tests move by hand; as a {@link SendPacer.Sleeper} it advances instead of sleeping. */
public final class FakeClock extends Clock implements SendPacer.Sleeper {

    private volatile Instant now;

    public FakeClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public void sleep(Duration d) {
        if (!d.isNegative()) {
            advance(d);
        }
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
