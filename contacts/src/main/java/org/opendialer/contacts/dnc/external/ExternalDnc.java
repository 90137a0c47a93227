package org.opendialer.contacts.dnc.external;

import java.util.Collection;
import java.util.Map;

/**
 * A do-not-call provider outside the node (a national registry scrub, a litigator list), asked before dialing.
 * Fails safe: a number the provider did not answer for is {@link Verdict#UNKNOWN}, and the dialer must treat
 * UNKNOWN like BLOCKED.
 */
public interface ExternalDnc {

    /** The provider's answer for one number. */
    enum Verdict {
        DIALABLE, BLOCKED, UNKNOWN;

        /** Only a clear answer allows the call. */
        public boolean mayDial() {
            return this == DIALABLE;
        }
    }

    /**
     * @param numbers E.164 numbers
     * @return a verdict for every number asked (never throws: a failed or late scrub is UNKNOWN for its numbers)
     */
    Map<String, Verdict> scrub(Collection<String> numbers);
}
