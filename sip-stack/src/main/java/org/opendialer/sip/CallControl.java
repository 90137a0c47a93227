package org.opendialer.sip;

import java.util.List;

/**
 * The call-control port: everything business code (IVR, campaigns, ACD) may do to a call, in terms of call ids,
 * SDP strings and {@link CallEvent}s. Implementations are thread-safe; operations on a leg are applied on that leg's
 * serial executor after the call returns. Operations on an unknown or finished leg are ignored and logged.
 */
public interface CallControl {

    /**
     * Places an outbound leg; returns its call id at once. Events follow on {@code listener}, ending with one
     * {@link CallEvent.Failed} or {@link CallEvent.Ended}. Never throws for routing problems: those become Failed.
     */
    String originate(OriginateRequest request, CallListener listener);

    /** Sends 180 Ringing on an inbound leg (optional before {@link #answer}). */
    void ringing(String callId);

    /**
     * Answers an inbound leg with our SDP answer. After {@link #earlyAnswer} the 200 OK repeats the early SDP
     * (RFC 3261 §13.2.1: the answer in a provisional response and the final one must be the same), whatever is given.
     */
    void answer(String callId, String sdpAnswer);

    /**
     * Early answer of an inbound leg: 183 Session Progress with our SDP answer, so the caller hears what we play
     * before the call is answered (and billed); {@link #answer} or {@link #reject} follows. The 183 is sent
     * unreliably (no 100rel/PRACK): over UDP a lost 183 leaves the caller without early audio until the 200.
     */
    void earlyAnswer(String callId, String sdpAnswer);

    /** Refuses an inbound leg before answer with the SIP status of the Q.850 cause, and a Reason header. */
    void reject(String callId, int q850Cause);

    /** Ends a leg in any state: CANCEL before answer (outbound), final response (inbound), BYE after answer. */
    void hangup(String callId, int q850Cause);

    /**
     * Ties two answered legs' lifetimes: when either ends, the other is hung up with the same cause. Media is
     * bridged by the media layer, which keeps its taps on both legs.
     */
    void bridge(String callIdA, String callIdB);

    /**
     * Unties two legs {@link #bridge bridged} to each other: from now on either ends alone. Each side is untied on
     * its own executor in call order, so a {@link #hangup} of either leg issued after this returns no longer takes
     * the other with it. A leg tied to a third leg meanwhile is left as is.
     */
    void unbridge(String callIdA, String callIdB);

    /**
     * Blind transfer inside the B2BUA: places a new leg per {@code request}; when it answers, {@code callId} is tied
     * to it instead of its current bridged partner, which is hung up (normal clearing). If the new leg fails, the
     * call stays as it was. The listener receives the new leg's events (re-anchor media on its Answered).
     *
     * @return the new leg's id
     */
    String transfer(String callId, OriginateRequest request, CallListener listener);

    /** Sends one DTMF digit as SIP INFO (application/dtmf-relay); RFC 4733 digits go through the media layer. */
    void sendDtmf(String callId, char digit, int durationMs);

    /**
     * Reports how the transfer asked for by the peer's last REFER ({@link CallEvent.Refer}) goes: a NOTIFY with
     * {@code SIP/2.0 <sipStatus>} as message/sipfrag (RFC 3515 §2.4.5); a final status (200 and up) ends the
     * REFER's implicit subscription, after which further reports are ignored.
     */
    void referProgress(String callId, int sipStatus);

    /** Sends our new SDP to the peer in a re-INVITE (hold, unhold, media change). */
    void reinvite(String callId, String sdpOffer);

    /** Registers the handler for inbound calls to a DID (E.164 or as dialled); {@code *} catches every DID. */
    void route(String did, InboundHandler handler);

    /** Contacts currently registered by an agent (empty when not registered). */
    List<String> registeredContacts(String agentUser);
}
