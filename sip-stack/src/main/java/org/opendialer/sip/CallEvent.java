package org.opendialer.sip;

/**
 * What happens to a call leg, in order, delivered on the leg's own serial executor (never two at once per leg).
 * A leg ends with exactly one {@link Failed} (never answered) or one {@link Ended} (answered, then hung up).
 */
public sealed interface CallEvent {

    /** The leg's id (our SIP Call-ID), the key for every call-control operation. */
    String callId();

    /** The peer took the INVITE (100). */
    record Trying(String callId) implements CallEvent { }

    /** 180 without SDP: the callee's phone is ringing and the network plays no audio to us. */
    record Ringing(String callId) implements CallEvent { }

    /** 180/183 with SDP: audio before answer (ringback, carrier announcements, SIT) can be analysed. */
    record EarlyMedia(String callId, String remoteSdp) implements CallEvent { }

    /** 200 OK, acknowledged. {@code remoteSdp} is the peer's answer (outbound) or empty (inbound, ours answered). */
    record Answered(String callId, String remoteSdp) implements CallEvent { }

    /** The peer changed the session (re-INVITE, e.g. hold); we answered with our current SDP. */
    record Modified(String callId, String remoteSdp, boolean onHold) implements CallEvent { }

    /** A DTMF digit signalled by SIP INFO (RFC 4733 and in-band digits arrive through the media layer). */
    record InfoDtmf(String callId, char digit, int durationMs) implements CallEvent { }

    /**
     * The peer asked us to transfer this answered leg (REFER, RFC 3515), e.g. an agent's transfer key. We answered
     * 202 and NOTIFY "100 Trying"; the upper layer does the transfer (or not) and reports its outcome with
     * {@link CallControl#referProgress}. A REFER outside an answered call is refused (403) and not reported.
     *
     * @param target     the Refer-To URI without its header part, e.g. {@code sip:1002@dialer.test}
     * @param referredBy the Referred-By value (RFC 3892) as sent, empty when absent
     * @param replaces   for an attended transfer: the dialog the target is to replace (RFC 3891); null when blind
     */
    record Refer(String callId, String target, String referredBy, Replaces replaces) implements CallEvent { }

    /**
     * The leg never got answered.
     *
     * @param sipStatus final SIP status seen (487 for our CANCEL, 408 for no response, 0 when refused locally)
     * @param q850      Q.850 cause: from the peer's {@code Reason} header, else mapped from the status (RFC 3398)
     * @param reason    human-readable why, e.g. "486 Busy Here from carrier-a"
     * @param trunk     trunk of the last attempt, empty when none was tried
     */
    record Failed(String callId, int sipStatus, int q850, Disposition disposition, String reason, String trunk)
            implements CallEvent { }

    /** An answered leg ended: who hung up, the Q.850 cause and the talk time. */
    record Ended(String callId, HangupSide side, int q850, Disposition disposition, long talkMillis)
            implements CallEvent { }
}
