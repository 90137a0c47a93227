package org.opendialer.sip;

import java.util.Locale;

/**
 * A carrier SIP trunk or a T1/E1 gateway (a SIP peer whose capacity is spans x B-channels).
 *
 * @param name              unique name, used in logs, metrics and trunk groups
 * @param kind              {@code trunk} or {@code gateway}
 * @param host              peer host name or address
 * @param port              peer port, default 5060
 * @param transport         {@code udp} (default), {@code tcp} or {@code tls}
 * @param maxChannels       concurrent calls allowed (required for a trunk); for a gateway 0 means spans x
 *                          channels of its span type
 * @param maxCallsPerSecond call attempts per second (token bucket)
 * @param defaultRegion     ISO 3166 region used to normalise dialled numbers to E.164, e.g. {@code US};
 *                          empty means numbers must already be E.164
 * @param spans             gateway only: number of T1/E1 spans
 * @param spanType          gateway only: {@code t1-pri} (23 B-channels), {@code t1-cas} (24) or {@code e1} (30)
 * @param group             trunk group; calls to a group try its healthy trunks in order and fail over on
 *                          503, 408 or timeout. Empty means a group of its own name
 * @param outboundProxy     optional {@code host[:port]} every request to this trunk is routed through
 * @param username          digest user answering the carrier's 401/407 challenges; empty = no authentication
 * @param password          digest password
 * @param callerId          default caller number (user part of From) when a call names none
 * @param assertedIdentity  adds {@code P-Asserted-Identity} with the caller number (RFC 3325) when true
 * @param privacy           {@code none} (default) or {@code id}: adds {@code Privacy: id} and an anonymous From
 * @param keepAliveSeconds  OPTIONS keep-alive interval marking the trunk up or down; 0 = never probe (always up)
 */
public record TrunkConfig(String name, String kind, String host, int port, String transport, int maxChannels,
                          double maxCallsPerSecond, String defaultRegion, int spans, String spanType,
                          String group, String outboundProxy, String username, String password, String callerId,
                          boolean assertedIdentity, String privacy, int keepAliveSeconds) {

    public TrunkConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must not be empty");
        }
        kind = kind == null ? "trunk" : kind.toLowerCase(Locale.ROOT);
        if (!kind.equals("trunk") && !kind.equals("gateway")) {
            throw new IllegalArgumentException("kind: must be trunk or gateway, was '" + kind + "'");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: must not be empty");
        }
        port = port == 0 ? 5060 : port;
        SipConfig.checkPort("port", port);
        defaultRegion = defaultRegion == null ? "" : defaultRegion;
        transport = transport == null ? "udp" : transport.toLowerCase(Locale.ROOT);
        if (!transport.equals("udp") && !transport.equals("tcp") && !transport.equals("tls")) {
            throw new IllegalArgumentException("transport: must be udp, tcp or tls, was '" + transport + "'");
        }
        if (maxChannels < 0 || (maxChannels == 0 && kind.equals("trunk"))) {
            throw new IllegalArgumentException("maxChannels: a trunk needs at least 1 channel, was " + maxChannels);
        }
        if (maxCallsPerSecond <= 0) {
            throw new IllegalArgumentException("maxCallsPerSecond: must be > 0, was " + maxCallsPerSecond);
        }
        group = group == null || group.isBlank() ? name : group;
        outboundProxy = outboundProxy == null ? "" : outboundProxy;
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        callerId = callerId == null ? "" : callerId;
        privacy = privacy == null || privacy.isBlank() ? "none" : privacy.toLowerCase(Locale.ROOT);
        if (!privacy.equals("none") && !privacy.equals("id")) {
            throw new IllegalArgumentException("privacy: must be none or id, was '" + privacy + "'");
        }
        if (keepAliveSeconds < 0) {
            throw new IllegalArgumentException("keepAliveSeconds: must be >= 0, was " + keepAliveSeconds);
        }
        if (kind.equals("gateway")) {
            if (spans < 1) {
                throw new IllegalArgumentException("spans: a gateway needs at least 1 span, was " + spans);
            }
            channelsPerSpan(spanType);
        }
    }

    /** B-channels per span of a span type: T1 PRI 23, T1 CAS 24, E1 30. */
    public static int channelsPerSpan(String spanType) {
        return switch (spanType == null ? "" : spanType.toLowerCase(Locale.ROOT)) {
            case "t1-pri" -> 23;
            case "t1-cas" -> 24;
            case "e1" -> 30;
            default -> throw new IllegalArgumentException("spanType: must be t1-pri, t1-cas or e1, was '" + spanType + "'");
        };
    }

    /** Concurrent calls this peer can carry. */
    public int capacity() {
        if (kind.equals("gateway") && maxChannels == 0) {
            return spans * channelsPerSpan(spanType);
        }
        return maxChannels;
    }
}
