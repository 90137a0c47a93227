package org.opendialer.call;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.opendialer.sip.OriginateRequest;

/**
 * An outbound call to place with {@link CallSessions#originate}; the SDP offer is the session's own.
 *
 * @param to          number in any format (normalised per trunk), or the agent's user name when {@code agent}
 * @param from        caller number; empty = the trunk's caller id
 * @param trunkGroup  trunk group; empty = any trunk in configuration order
 * @param ringTimeout time before CANCEL; null = {@link OriginateRequest#DEFAULT_RING_TIMEOUT}, at least 15 s
 * @param agent       {@code to} names a registered agent phone
 * @param headers     extra SIP headers for the INVITE (e.g. X-Campaign-Id)
 * @param toneCountry tone tables for call-progress analysis of this call's early media and AMD, comma-separated
 *                    codes of {@code CountryToneTable} ("US", "UK", "EU", ...); default "US"
 * @param fromName    caller name shown to the called party (From display name; P-Asserted-Identity's on a trunk
 *                    that asserts identity); empty = none
 */
public record OriginateSpec(String to, String from, String trunkGroup, Duration ringTimeout, boolean agent,
                            Map<String, String> headers, String toneCountry, String fromName) {

    public static final String DEFAULT_TONE_COUNTRY = "US";

    public OriginateSpec {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("to: must not be empty");
        }
        from = from == null ? "" : from;
        trunkGroup = trunkGroup == null ? "" : trunkGroup;
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        toneCountry = toneCountry == null || toneCountry.isBlank() ? DEFAULT_TONE_COUNTRY
                : toneCountry.toUpperCase(Locale.ROOT);
        fromName = fromName == null ? "" : fromName;
    }

    /** Without a caller name. */
    public OriginateSpec(String to, String from, String trunkGroup, Duration ringTimeout, boolean agent,
                         Map<String, String> headers, String toneCountry) {
        this(to, from, trunkGroup, ringTimeout, agent, headers, toneCountry, "");
    }

    public static OriginateSpec toNumber(String number) {
        return new OriginateSpec(number, "", "", null, false, Map.of(), DEFAULT_TONE_COUNTRY);
    }

    public static OriginateSpec toAgent(String agentUser) {
        return new OriginateSpec(agentUser, "", "", null, true, Map.of(), DEFAULT_TONE_COUNTRY);
    }

    public OriginateSpec withFrom(String caller) {
        return new OriginateSpec(to, caller, trunkGroup, ringTimeout, agent, headers, toneCountry, fromName);
    }

    public OriginateSpec withTrunkGroup(String group) {
        return new OriginateSpec(to, from, group, ringTimeout, agent, headers, toneCountry, fromName);
    }

    public OriginateSpec withRingTimeout(Duration timeout) {
        return new OriginateSpec(to, from, trunkGroup, timeout, agent, headers, toneCountry, fromName);
    }

    public OriginateSpec withHeaders(Map<String, String> extra) {
        return new OriginateSpec(to, from, trunkGroup, ringTimeout, agent, extra, toneCountry, fromName);
    }

    public OriginateSpec withToneCountry(String country) {
        return new OriginateSpec(to, from, trunkGroup, ringTimeout, agent, headers, country, fromName);
    }

    public OriginateSpec withFromName(String name) {
        return new OriginateSpec(to, from, trunkGroup, ringTimeout, agent, headers, toneCountry, name);
    }

    /** The SIP request for this spec with our media offer. */
    OriginateRequest request(String sdpOffer) {
        return new OriginateRequest(to, from, trunkGroup, ringTimeout, sdpOffer, agent, headers, fromName);
    }
}
