package org.opendialer.contacts.dnc.external;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A do-not-call provider outside the node (a national registry scrub, a litigator list), asked before dialing.
 * Fails safe: a number the provider did not answer for is {@link Verdict#UNKNOWN} (it does not cover the number) or
 * {@link Verdict#DOWN} (it failed or was late), and the dialer must treat both like BLOCKED.
 */
public interface ExternalDnc {

    /** The provider's answer for one number. */
    enum Verdict {
        DIALABLE, BLOCKED,
        /** The provider does not answer for this number (another country, no key). */
        UNKNOWN,
        /** The provider was asked and failed, was late, or is backed off ({@link #downUntil}). */
        DOWN;

        /** Only a clear answer allows the call. */
        public boolean mayDial() {
            return this == DIALABLE;
        }
    }

    /**
     * @param numbers E.164 numbers
     * @return a verdict for every number asked (never throws: a failed or late scrub is DOWN for its numbers)
     */
    Map<String, Verdict> scrub(Collection<String> numbers);

    /** When a provider found down will be asked again; empty while it is up (or nothing tracks it). */
    default Optional<Instant> downUntil() {
        return Optional.empty();
    }
}
