package org.opendialer.sip;

import java.util.List;
import java.util.Map;

/**
 * Counters for health, metrics and leak checks.
 *
 * @param activeLegs    legs not yet ended
 * @param dialogs       dialogs JAIN-SIP still holds
 * @param transactions  client + server transactions JAIN-SIP still holds
 * @param refusals      requests refused since start, by reason (every reason present, zero when none)
 * @param registrations agent contacts currently registered
 * @param invitesIn     new INVITEs taken since start (from trunks and agents; retransmissions and refused
 *                      strangers excluded)
 * @param invitesOut    INVITEs sent since start, one per attempt (a failover or redirect is another INVITE)
 * @param responsesIn   responses received since start, keyed by {@link #responseKey} for every method of
 *                      {@link #METHODS} and every class 1 to 6 (zero when none)
 */
public record SipStats(int activeLegs, int dialogs, int transactions, Map<Refusal, Long> refusals, int registrations,
                       long invitesIn, long invitesOut, Map<String, Long> responsesIn) {

    /** Methods whose responses are counted apart; any other method counts as {@code OTHER}. */
    public static final List<String> METHODS = List.of("INVITE", "BYE", "CANCEL", "OPTIONS", "OTHER");

    public SipStats {
        refusals = Map.copyOf(refusals);
        responsesIn = Map.copyOf(responsesIn);
    }

    /** Key of {@link #responsesIn}: method and class, e.g. {@code INVITE 4xx}. */
    public static String responseKey(String method, int statusClass) {
        return method + " " + statusClass + "xx";
    }

    /** Why a request was refused; one counter each. */
    public enum Refusal {
        /** An INVITE from a source that is neither a trunk nor a registered agent: 403, answered statelessly. */
        UNTRUSTED_SOURCE,
        /** A REGISTER whose digest did not match (or named no agent we know): 403. */
        BAD_CREDENTIALS,
        /** A REGISTER refused without checking while its source or user is backing off after failures. */
        THROTTLED,
        /** A new INVITE refused with 503 and Retry-After: too many new calls were already waiting for set-up. */
        OVERLOAD
    }
}
