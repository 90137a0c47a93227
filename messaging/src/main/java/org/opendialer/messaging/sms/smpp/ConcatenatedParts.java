package org.opendialer.messaging.sms.smpp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Joins the parts of a concatenated inbound SMS (UDH IEI 0x00 with an 8-bit reference or 0x08 with a 16-bit one,
 * 3GPP TS 23.040 section 9.2.3.24). Parts may arrive in any order; a message whose parts do not all arrive within
 * {@link #MAX_AGE} is dropped and counted. Bounded to {@link #MAX_PENDING} messages. Thread-safe.
 */
final class ConcatenatedParts {

    static final Duration MAX_AGE = Duration.ofMinutes(10);
    static final int MAX_PENDING = 10_000;

    /** Where a part belongs, read from its UDH. */
    record Header(int reference, int total, int seq) {
    }

    private record Pending(Instant first, String[] parts) {
    }

    private final Clock clock;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private long expired;

    ConcatenatedParts(Clock clock) {
        this.clock = clock;
    }

    /** The concatenation header of a UDH-prefixed short message, if it has one. */
    static Optional<Header> header(byte[] message) {
        if (message == null || message.length < 1) {
            return Optional.empty();
        }
        int udhl = message[0] & 0xFF;
        int i = 1;
        while (i + 1 < 1 + udhl && i + 1 < message.length) {
            int iei = message[i] & 0xFF;
            int len = message[i + 1] & 0xFF;
            if (iei == 0x00 && len == 3 && i + 4 < message.length) {
                return Optional.of(new Header(message[i + 2] & 0xFF, message[i + 3] & 0xFF, message[i + 4] & 0xFF));
            }
            if (iei == 0x08 && len == 4 && i + 5 < message.length) {
                return Optional.of(new Header(((message[i + 2] & 0xFF) << 8) | (message[i + 3] & 0xFF),
                        message[i + 4] & 0xFF, message[i + 5] & 0xFF));
            }
            i += 2 + len;
        }
        return Optional.empty();
    }

    /** Adds one part; returns the whole text once every part is there. */
    synchronized Optional<String> add(String from, String to, Header h, String text) {
        Instant now = clock.instant();
        expire(now);
        if (h.total() <= 1 || h.seq() < 1 || h.seq() > h.total()) {
            return Optional.of(text);
        }
        String key = from + "|" + to + "|" + h.reference() + "|" + h.total();
        Pending p = pending.computeIfAbsent(key, k -> new Pending(now, new String[h.total()]));
        p.parts()[h.seq() - 1] = text;
        for (String part : p.parts()) {
            if (part == null) {
                if (pending.size() > MAX_PENDING) {
                    pending.remove(pending.keySet().iterator().next());
                    expired++;
                }
                return Optional.empty();
            }
        }
        pending.remove(key);
        return Optional.of(String.join("", p.parts()));
    }

    private void expire(Instant now) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            if (it.next().first().plus(MAX_AGE).isBefore(now)) {
                it.remove();
                expired++;
            } else {
                break; // insertion order: the rest are younger
            }
        }
    }

    synchronized long expired() {
        return expired;
    }
}
