package org.opendialer.sip.transport;

/** What a leg needs from the server that owns it. */
interface LegRegistry {

    /** Routes later messages with this SIP Call-ID (a failover or redirect attempt) to the leg. */
    void alias(String sipCallId, Leg leg);

    void remove(Leg leg);

    /** Hangs up a bridged partner (on its own executor) with the cause that ended the other leg. */
    void hangupPartner(String legId, int cause);
}
