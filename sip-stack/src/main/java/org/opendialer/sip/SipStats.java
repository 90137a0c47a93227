package org.opendialer.sip;

import java.util.Map;

/**
 * Counters for health, metrics and leak checks.
 *
 * @param activeLegs    legs not yet ended
 * @param dialogs       dialogs JAIN-SIP still holds
 * @param transactions  client + server transactions JAIN-SIP still holds
 * @param refusals      requests refused since start, by reason (every reason present, zero when none)
 * @param registrations agent contacts currently registered
 */
public record SipStats(int activeLegs, int dialogs, int transactions, Map<Refusal, Long> refusals, int registrations) {

    public SipStats {
        refusals = Map.copyOf(refusals);
    }

    /** Why a request was refused; one counter each. */
    public enum Refusal {
        /** An INVITE from a source that is neither a trunk nor a registered agent: 403, answered statelessly. */
        UNTRUSTED_SOURCE,
        /** A REGISTER whose digest did not match (or named no agent we know): 403. */
        BAD_CREDENTIALS,
        /** A REGISTER refused without checking while its source or user is backing off after failures. */
        THROTTLED
    }
}
