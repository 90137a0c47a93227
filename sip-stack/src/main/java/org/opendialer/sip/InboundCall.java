package org.opendialer.sip;

/**
 * An inbound INVITE that passed the source check (configured trunk or registered agent) and is ringing our side.
 *
 * @param callId   leg id for call-control operations
 * @param did      dialled number (Request-URI user part, E.164 when the trunk's region allows)
 * @param caller   caller number or user (From user part), "anonymous" when withheld
 * @param source   trunk name, or {@code agent:<user>} for a registered phone
 * @param sdpOffer the caller's media offer
 * @param headers  display name, P-Asserted-Identity, Diversion and {@code X-} headers of the INVITE
 */
public record InboundCall(String callId, String did, String caller, String source, String sdpOffer,
                          InboundHeaders headers) {

    /** A call whose INVITE carried none of the headers {@link InboundHeaders} reports. */
    public InboundCall(String callId, String did, String caller, String source, String sdpOffer) {
        this(callId, did, caller, source, sdpOffer, InboundHeaders.NONE);
    }
}
