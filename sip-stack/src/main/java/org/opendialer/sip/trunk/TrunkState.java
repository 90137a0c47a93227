package org.opendialer.sip.trunk;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.opendialer.sip.TrunkConfig;

/**
 * Run-time state of one trunk or gateway: channels in use against its capacity (spans x B-channels for a gateway),
 * its call-rate bucket and its OPTIONS health.
 */
public final class TrunkState {

    private final TrunkConfig config;
    private final TokenBucket rate;
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failovers = new AtomicLong();

    public TrunkState(TrunkConfig config, LongSupplier nanoClock) {
        this.config = config;
        this.rate = new TokenBucket(config.maxCallsPerSecond(), nanoClock);
    }

    public TrunkConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /** Takes a channel if the trunk is up and not full. */
    public boolean tryAcquire() {
        if (!up.get()) {
            return false;
        }
        while (true) {
            int n = inUse.get();
            if (n >= config.capacity()) {
                return false;
            }
            if (inUse.compareAndSet(n, n + 1)) {
                attempts.incrementAndGet();
                return true;
            }
        }
    }

    public void release() {
        inUse.decrementAndGet();
    }

    /** Nanoseconds the caller must wait before sending the INVITE (0 = now); see {@link TokenBucket#reserve}. */
    public long reserveRate() {
        return rate.reserve();
    }

    public void markUp(boolean isUp) {
        up.set(isUp);
    }

    public boolean isUp() {
        return up.get();
    }

    public int inUse() {
        return inUse.get();
    }

    public void countFailover() {
        failovers.incrementAndGet();
    }

    public TrunkStatus status() {
        return new TrunkStatus(config.name(), config.kind(), config.group(), up.get(), inUse.get(),
                config.capacity(), config.maxCallsPerSecond(), attempts.get(), failovers.get());
    }
}
