package org.opendialer.ivr.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What each DID resolves to (a published version, or nothing), held for {@code ttl} so a burst of inbound calls to
 * one DID costs one query instead of one pooled connection per call. Concurrent misses of a DID share one load.
 * Changes made through this node are dropped at once ({@link #clear}); changes another node made are seen when the
 * entry expires, so a node starts calls on a replaced version for at most {@code ttl} after the change commits.
 * A failed load is not kept: the next call tries again.
 */
final class RouteCache {

    /** Entries past which expired ones are swept (a trunk may send calls to any number of unrouted DIDs). */
    static final int SWEEP_ABOVE = 10_000;

    private record Entry(long loadedAtMillis, CompletableFuture<Optional<FlowVersion>> value) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;

    RouteCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    /** The cached answer for {@code did}, or {@code load}'s (blocking: call from virtual threads). */
    Optional<FlowVersion> get(String did, Function<String, Optional<FlowVersion>> load) {
        long now = clock.millis();
        AtomicReference<Entry> mine = new AtomicReference<>();
        Entry e = entries.compute(did, (k, old) -> {
            if (old != null && (now - old.loadedAtMillis() < ttlMillis || !old.value().isDone())) {
                return old;
            }
            Entry fresh = new Entry(now, new CompletableFuture<>());
            mine.set(fresh);
            return fresh;
        });
        if (entries.size() > SWEEP_ABOVE) {
            entries.values().removeIf(old -> old.value().isDone() && now - old.loadedAtMillis() >= ttlMillis);
        }
        if (e == mine.get()) {
            try {
                e.value().complete(load.apply(did));
            } catch (RuntimeException failed) {
                entries.remove(did, e);
                e.value().completeExceptionally(failed);
                throw failed;
            }
        }
        return e.value().join();
    }

    /** Forgets every DID (a route or a published version changed through this node). */
    void clear() {
        entries.clear();
    }
}
