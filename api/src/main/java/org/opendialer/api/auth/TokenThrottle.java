package org.opendialer.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed client authentications counted per client id and per source address in fixed windows: once a key has
 * {@code max} failures in its window, the token endpoint answers 429 with {@code Retry-After} until the window
 * ends, without hashing anything. A success clears the client's count (not the source's, so one known secret does
 * not buy a source more guesses at other clients). Each table holds at most {@link #MAX_KEYS} keys, so a spray
 * of invented client ids cannot grow memory; the oldest windows go first. Thread-safe.
 *
 * @param perClient failures allowed per client id and window
 * @param perSource failures allowed per source address and window
 */
public final class TokenThrottle {

    static final int MAX_KEYS = 10_000;

    private final int perClient;
    private final int perSource;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> clients = new LinkedHashMap<>();
    private final Map<String, Window> sources = new LinkedHashMap<>();

    public TokenThrottle(int perClient, int perSource, Duration window, Clock clock) {
        this.perClient = perClient;
        this.perSource = perSource;
        this.window = window;
        this.clock = clock;
    }

    private static final class Window {
        final Instant start;
        int failures;

        Window(Instant start) {
            this.start = start;
        }
    }

    /** How long this client id or source must wait before trying again; zero when it may try now. */
    public synchronized Duration retryAfter(String clientId, String source) {
        Instant now = clock.instant();
        Duration a = wait(clients.get(clientId), perClient, now);
        Duration b = wait(sources.get(source), perSource, now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    public synchronized void failed(String clientId, String source) {
        Instant now = clock.instant();
        count(clients, clientId, now);
        count(sources, source, now);
    }

    public synchronized void succeeded(String clientId) {
        clients.remove(clientId);
    }

    private Duration wait(Window w, int max, Instant now) {
        if (w == null || w.failures < max) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, w.start.plus(window));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void count(Map<String, Window> table, String key, Instant now) {
        Window w = table.get(key);
        if (w == null || !now.isBefore(w.start.plus(window))) {
            table.remove(key);
            if (table.size() >= MAX_KEYS) {
                evict(table, now);
            }
            w = new Window(now);
            table.put(key, w);
        }
        w.failures++;
    }

    /** Drops ended windows; if none ended, the oldest one (insertion order is start order). */
    private void evict(Map<String, Window> table, Instant now) {
        table.values().removeIf(w -> !now.isBefore(w.start.plus(window)));
        Iterator<Window> oldest = table.values().iterator();
        if (table.size() >= MAX_KEYS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
