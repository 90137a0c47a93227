package org.opendialer.media.sdp;

import java.util.List;
import java.util.Map;

/**
 * One parsed {@code m=} section.
 *
 * @param connection address from this section's {@code c=} line, else the session-level one (may be null)
 * @param rtpmap     payload type to "NAME/rate[/channels]"; static types need not appear
 * @param ptime      packet time in ms, 0 if absent
 * @param rtcpPort   port from {@code a=rtcp}, 0 if absent (then RTP port + 1)
 */
public record MediaDescription(String media, int port, String proto, List<Integer> formats,
                               Map<Integer, String> rtpmap, Map<Integer, String> fmtp,
                               Direction direction, int ptime, String connection, int rtcpPort) {

    /** Encoding name of a payload type, using the RFC 3551 static table when no rtpmap is given. */
    public String encodingOf(int pt) {
        String map = rtpmap.get(pt);
        if (map != null) {
            return map.split("/")[0];
        }
        return switch (pt) {
            case 0 -> "PCMU";
            case 8 -> "PCMA";
            case 3 -> "GSM";
            case 4 -> "G723";
            case 9 -> "G722";
            case 13 -> "CN";
            case 18 -> "G729";
            default -> "PT" + pt;
        };
    }

    /** Clock rate of a payload type from its rtpmap, 8000 for static audio types. */
    public int clockRateOf(int pt) {
        String map = rtpmap.get(pt);
        if (map == null) {
            return 8000;
        }
        String[] parts = map.split("/");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 8000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
