package org.opendialer.sip;

import java.time.Duration;
import java.util.Map;

/**
 * One outbound leg to place.
 *
 * @param to          dialled number in any format (normalised to E.164 with the trunk's region), or, for
 *                    {@link #toAgent}, the agent's user name
 * @param from        caller number; empty = the trunk's {@code callerId}
 * @param trunkGroup  trunk group to use; empty = every configured trunk in configuration order
 * @param ringTimeout time to wait for an answer before CANCEL; at least 15 s (shorter values are raised to 15 s)
 * @param sdpOffer    our media offer (from the media layer), sent in the INVITE
 * @param agent       true: {@code to} names a registered agent phone, reached at its registered contacts
 * @param headers     extra SIP headers to add (e.g. X-Campaign-Id), names and values as written on the wire
 * @param fromName    caller name, the display name of From (and of P-Asserted-Identity on a trunk that asserts
 *                    identity); empty = none; never sent under the trunk's privacy
 */
public record OriginateRequest(String to, String from, String trunkGroup, Duration ringTimeout, String sdpOffer,
                               boolean agent, Map<String, String> headers, String fromName) {

    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration MIN_RING_TIMEOUT = Duration.ofSeconds(15);

    public OriginateRequest {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("to: must not be empty");
        }
        from = from == null ? "" : from;
        trunkGroup = trunkGroup == null ? "" : trunkGroup;
        ringTimeout = ringTimeout == null ? DEFAULT_RING_TIMEOUT
                : ringTimeout.compareTo(MIN_RING_TIMEOUT) < 0 ? MIN_RING_TIMEOUT : ringTimeout;
        sdpOffer = sdpOffer == null ? "" : sdpOffer;
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        fromName = fromName == null ? "" : fromName;
    }

    /** Without a caller name. */
    public OriginateRequest(String to, String from, String trunkGroup, Duration ringTimeout, String sdpOffer,
                            boolean agent, Map<String, String> headers) {
        this(to, from, trunkGroup, ringTimeout, sdpOffer, agent, headers, "");
    }

    /** A call to a number over the trunks with defaults for everything else. */
    public static OriginateRequest toNumber(String number, String sdpOffer) {
        return new OriginateRequest(number, "", "", DEFAULT_RING_TIMEOUT, sdpOffer, false, Map.of());
    }

    /** A call to an agent's registered phone(s). */
    public static OriginateRequest toAgent(String agentUser, String sdpOffer) {
        return new OriginateRequest(agentUser, "", "", DEFAULT_RING_TIMEOUT, sdpOffer, true, Map.of());
    }

    public OriginateRequest withFrom(String caller) {
        return new OriginateRequest(to, caller, trunkGroup, ringTimeout, sdpOffer, agent, headers, fromName);
    }

    public OriginateRequest withTrunkGroup(String group) {
        return new OriginateRequest(to, from, group, ringTimeout, sdpOffer, agent, headers, fromName);
    }

    public OriginateRequest withRingTimeout(Duration timeout) {
        return new OriginateRequest(to, from, trunkGroup, timeout, sdpOffer, agent, headers, fromName);
    }

    public OriginateRequest withFromName(String name) {
        return new OriginateRequest(to, from, trunkGroup, ringTimeout, sdpOffer, agent, headers, name);
    }
}
