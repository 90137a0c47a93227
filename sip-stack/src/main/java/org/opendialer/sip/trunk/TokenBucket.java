package org.opendialer.sip.trunk;

import java.util.function.LongSupplier;

/**
 * Calls-per-second limit: {@code rate} tokens a second, bursts up to {@code max(1, rate)}. Time comes from an
 * injected nanosecond clock so tests run in virtual time.
 */
public final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, LongSupplier nanoClock) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be > 0");
        }
        this.ratePerNano = perSecond / 1e9;
        this.capacity = Math.max(1.0, perSecond);
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.last = nanoClock.getAsLong();
    }

    /**
     * Takes a token. Returns 0 when one was available, otherwise the nanoseconds until one will be (the token is
     * then reserved, so callers simply wait that long: queued calls keep their order and the rate holds).
     */
    public synchronized long reserve() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
        tokens -= 1.0;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }
}
