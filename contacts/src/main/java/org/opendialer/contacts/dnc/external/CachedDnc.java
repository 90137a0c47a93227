package org.opendialer.contacts.dnc.external;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers a provider's clear answers (DIALABLE, BLOCKED) for {@code ttl}, so a campaign asks about each number
 * once a day rather than once an attempt; UNKNOWN and DOWN are never remembered (the next scrub asks again). Holds at most
 * {@code maxEntries}: when full, expired answers are dropped first and new answers are not kept.
 */
public final class CachedDnc implements ExternalDnc {

    private record Entry(Verdict verdict, Instant until) {
    }

    private final ExternalDnc provider;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public CachedDnc(ExternalDnc provider, Duration ttl, int maxEntries, Clock clock) {
        this.provider = provider;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public Map<String, Verdict> scrub(Collection<String> numbers) {
        Instant now = clock.instant();
        Map<String, Verdict> out = new LinkedHashMap<>();
        List<String> ask = new ArrayList<>();
        for (String n : numbers) {
            Entry e = cache.get(n);
            if (e != null && now.isBefore(e.until())) {
                out.put(n, e.verdict());
            } else {
                out.put(n, Verdict.UNKNOWN);
                ask.add(n);
            }
        }
        if (!ask.isEmpty()) {
            Map<String, Verdict> fresh = provider.scrub(ask);
            for (String n : ask) {
                Verdict v = fresh.getOrDefault(n, Verdict.UNKNOWN);
                out.put(n, v);
                if (v == Verdict.DIALABLE || v == Verdict.BLOCKED) {
                    remember(n, new Entry(v, now.plus(ttl)), now);
                }
            }
        }
        return out;
    }

    @Override
    public java.util.Optional<Instant> downUntil() {
        return provider.downUntil();
    }

    private void remember(String number, Entry entry, Instant now) {
        if (cache.size() >= maxEntries) {
            cache.values().removeIf(e -> !now.isBefore(e.until()));
        }
        if (cache.size() < maxEntries) {
            cache.put(number, entry);
        }
    }
}
