package org.opendialer.media.sdp;

import org.opendialer.media.SdpException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the parts of an SDP body (RFC 4566) that audio offer/answer needs: session and media connection
 * addresses, media lines, rtpmap/fmtp/ptime/rtcp and direction attributes. Unknown lines are ignored, as
 * RFC 4566 §5 asks; a body without the mandatory {@code v=} or with an unparsable {@code m=} line is rejected.
 */
public final class SdpParser {

    private SdpParser() {
    }

    /** A parsed body: origin session id and version, plus the media sections in order. */
    public record Parsed(String originSessionId, long originVersion, String connection, Direction sessionDirection,
                         List<MediaDescription> media) {
    }

    public static Parsed parse(String sdp) throws SdpException {
        if (sdp == null || sdp.isBlank()) {
            throw new SdpException("empty SDP");
        }
        String[] lines = sdp.split("\r?\n");
        if (!lines[0].trim().equals("v=0")) {
            throw new SdpException("SDP must start with v=0");
        }
        String sessionId = "";
        long version = 0;
        String sessionConnection = null;
        Direction sessionDirection = Direction.SENDRECV;
        List<MediaDescription> media = new ArrayList<>();
        Builder current = null;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            char type = line.charAt(0);
            String value = line.substring(2).trim();
            switch (type) {
                case 'o' -> {
                    String[] f = value.split("\\s+");
                    if (f.length >= 3) {
                        sessionId = f[1];
                        version = parseLong(f[2]);
                    }
                }
                case 'c' -> {
                    String addr = connectionAddress(value);
                    if (current == null) {
                        sessionConnection = addr;
                    } else {
                        current.connection = addr;
                    }
                }
                case 'm' -> {
                    if (current != null) {
                        media.add(current.build(sessionConnection, sessionDirection));
                    }
                    current = new Builder(value);
                }
                case 'a' -> {
                    Direction d = direction(value);
                    if (d != null) {
                        if (current == null) {
                            sessionDirection = d;
                        } else {
                            current.direction = d;
                        }
                    } else if (current != null) {
                        current.attribute(value);
                    }
                }
                default -> { }
            }
        }
        if (current != null) {
            media.add(current.build(sessionConnection, sessionDirection));
        }
        return new Parsed(sessionId, version, sessionConnection, sessionDirection, media);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String connectionAddress(String value) throws SdpException {
        String[] f = value.split("\\s+");
        if (f.length < 3 || !f[0].equals("IN")) {
            throw new SdpException("unsupported connection line: c=" + value);
        }
        String addr = f[2];
        int slash = addr.indexOf('/');
        return slash > 0 ? addr.substring(0, slash) : addr;
    }

    private static Direction direction(String attr) {
        return switch (attr) {
            case "sendrecv" -> Direction.SENDRECV;
            case "sendonly" -> Direction.SENDONLY;
            case "recvonly" -> Direction.RECVONLY;
            case "inactive" -> Direction.INACTIVE;
            default -> null;
        };
    }

    private static final class Builder {
        final String media;
        final int port;
        final String proto;
        final List<Integer> formats = new ArrayList<>();
        final Map<Integer, String> rtpmap = new LinkedHashMap<>();
        final Map<Integer, String> fmtp = new LinkedHashMap<>();
        Direction direction;
        int ptime;
        int rtcpPort;
        String connection;

        Builder(String mline) throws SdpException {
            String[] f = mline.split("\\s+");
            if (f.length < 4) {
                throw new SdpException("malformed media line: m=" + mline);
            }
            media = f[0];
            try {
                port = Integer.parseInt(f[1].split("/")[0]);
                for (int i = 3; i < f.length; i++) {
                    if (f[2].contains("RTP")) {
                        formats.add(Integer.parseInt(f[i]));
                    }
                }
            } catch (NumberFormatException e) {
                throw new SdpException("malformed media line: m=" + mline);
            }
            proto = f[2];
        }

        void attribute(String value) {
            int colon = value.indexOf(':');
            if (colon < 0) {
                return;
            }
            String name = value.substring(0, colon);
            String rest = value.substring(colon + 1).trim();
            try {
                switch (name) {
                    case "rtpmap", "fmtp" -> {
                        int sp = rest.indexOf(' ');
                        if (sp > 0) {
                            int pt = Integer.parseInt(rest.substring(0, sp));
                            (name.equals("rtpmap") ? rtpmap : fmtp).put(pt, rest.substring(sp + 1).trim());
                        }
                    }
                    case "ptime" -> ptime = Integer.parseInt(rest);
                    case "rtcp" -> rtcpPort = Integer.parseInt(rest.split("\\s+")[0]);
                    default -> { }
                }
            } catch (NumberFormatException ignored) {
                // a bad attribute value is ignored like an unknown attribute
            }
        }

        MediaDescription build(String sessionConnection, Direction sessionDirection) {
            return new MediaDescription(media, port, proto, List.copyOf(formats), Map.copyOf(rtpmap),
                    Map.copyOf(fmtp), direction != null ? direction : sessionDirection, ptime,
                    connection != null ? connection : sessionConnection, rtcpPort);
        }
    }
}
