package org.opendialer.campaign.runner;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.opendialer.campaign.settings.Campaign;

/**
 * Each campaign's calls-per-second cap on this node, as a token bucket holding at most one second of calls (at
 * least one call): the tick takes what it may place ({@link #tokens}) and pays for what it claimed ({@link #spend}),
 * so a tick that claims fewer contacts than it may leaves the rest for the next. It reads {@link System#nanoTime}, not
 * the runner's clock: the cap protects the trunks in real time, also when a test shifts the clock.
 */
final class CallRate {

    private final Map<UUID, double[]> buckets = new ConcurrentHashMap<>(); // {tokens, last nanoTime}

    /** Whole calls this campaign may place now. */
    int tokens(Campaign c) {
        double cps = c.settings().callsPerSecond();
        double[] b = buckets.computeIfAbsent(c.id(), k -> new double[] {Math.max(1, cps), System.nanoTime()});
        long t = System.nanoTime();
        b[0] = Math.min(Math.max(1, cps), b[0] + cps * (t - b[1]) / 1e9);
        b[1] = t;
        return (int) Math.floor(b[0]);
    }

    /** {@code n} calls were claimed for the campaign. */
    void spend(UUID id, int n) {
        double[] b = buckets.get(id);
        if (b != null) {
            b[0] -= n;
        }
    }
}
