package org.opendialer.media.sdp;

import org.opendialer.media.SdpException;
import org.opendialer.media.codec.G711;

import java.util.ArrayList;
import java.util.List;

/**
 * Audio offer/answer (RFC 3264) for G.711 with RFC 4733 telephone-events at ptime 20.
 *
 * <p>We offer PCMU, PCMA and telephone-event/8000 (PT {@value #EVENT_PT}, events 0-16). When answering, the first
 * G.711 format in the offerer's order wins (RFC 3264 §6.1), and the offerer's telephone-event payload type is
 * kept. Sections we cannot use (video, SRTP, a second audio stream) are answered with port 0; if no audio stream is
 * usable, {@link SdpException} explains why. Pure functions; thread-safe.
 */
public final class SdpNegotiator {

    /** Dynamic payload type we offer for telephone-event. */
    public static final int EVENT_PT = 101;

    private SdpNegotiator() {
    }

    /** What we put in our own SDP. */
    public record Local(String address, int rtpPort, long sessionId, long version, Direction direction) {
    }

    /**
     * The agreed audio stream.
     *
     * @param eventPt   telephone-event payload type both sides use, or -1 if the peer has none
     * @param direction our direction after negotiation (what we may send / should receive)
     * @param remoteAddress the peer's connection address; null if it is 0.0.0.0 (RFC 2543 hold)
     */
    public record Negotiated(G711 codec, int eventPt, String remoteAddress, int remoteRtpPort, int remoteRtcpPort,
                             Direction direction, int remotePtime) {
    }

    /** An answer body plus what it agreed to. */
    public record Answer(String sdp, Negotiated media) {
    }

    public static String offer(Local local) {
        return body(local, List.of(G711.PCMU.payloadType(), G711.PCMA.payloadType()), EVENT_PT, List.of());
    }

    public static Answer answer(String offerSdp, Local local) throws SdpException {
        SdpParser.Parsed offer = SdpParser.parse(offerSdp);
        Negotiated chosen = null;
        String firstReason = null;
        List<String> rejected = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            if (chosen != null) {
                rejected.add("m=" + m.media() + " 0 " + m.proto() + " " + join(m.formats()));
                continue;
            }
            String reason = unusable(m);
            G711 codec = reason == null ? pickCodec(m) : null;
            if (reason == null && codec == null) {
                reason = "no common codec: offered " + encodings(m);
            }
            if (reason != null) {
                firstReason = firstReason == null ? reason : firstReason;
                rejected.add("m=" + m.media() + " 0 " + m.proto() + " " + join(m.formats()));
                continue;
            }
            int eventPt = eventPayloadType(m);
            Direction ours = m.direction().reverse().restrictTo(local.direction());
            chosen = negotiated(codec, eventPt, m, ours);
        }
        if (chosen == null) {
            throw new SdpException(firstReason != null ? firstReason : "no audio stream offered");
        }
        List<Integer> formats = List.of(chosen.codec().payloadType());
        Local answerLocal = new Local(local.address(), local.rtpPort(), local.sessionId(), local.version(),
                chosen.direction());
        return new Answer(body(answerLocal, formats, chosen.eventPt(), rejected), chosen);
    }

    /** Checks the peer's answer against our {@link #offer}. */
    public static Negotiated acceptAnswer(String answerSdp, Local local) throws SdpException {
        SdpParser.Parsed answer = SdpParser.parse(answerSdp);
        for (MediaDescription m : answer.media()) {
            if (!m.media().equals("audio") || m.port() == 0) {
                continue;
            }
            String reason = unusable(m);
            if (reason != null) {
                throw new SdpException(reason);
            }
            G711 codec = pickCodec(m);
            if (codec == null) {
                throw new SdpException("answer has no codec we offered: answered " + encodings(m));
            }
            Direction ours = m.direction().reverse().restrictTo(local.direction());
            return negotiated(codec, eventPayloadType(m), m, ours);
        }
        throw new SdpException("answer rejected the audio stream");
    }

    private static Negotiated negotiated(G711 codec, int eventPt, MediaDescription m, Direction ours) {
        String addr = m.connection();
        if (addr == null || addr.equals("0.0.0.0")) {
            addr = null;
        }
        int rtcp = m.rtcpPort() != 0 ? m.rtcpPort() : m.port() + 1;
        return new Negotiated(codec, eventPt, addr, m.port(), rtcp, ours, m.ptime() == 0 ? 20 : m.ptime());
    }

    private static String unusable(MediaDescription m) {
        if (!m.media().equals("audio")) {
            return "unsupported media " + m.media();
        }
        if (m.port() == 0) {
            return "audio stream rejected by the offerer (port 0)";
        }
        if (!m.proto().equals("RTP/AVP")) {
            return "unsupported transport " + m.proto() + " (only RTP/AVP; no SRTP/DTLS)";
        }
        if (m.connection() == null) {
            return "no connection address (c=) for audio";
        }
        return null;
    }

    private static G711 pickCodec(MediaDescription m) {
        for (int pt : m.formats()) {
            G711 c = G711.forEncodingName(m.encodingOf(pt));
            if (c != null && m.clockRateOf(pt) == 8000) {
                return c;
            }
        }
        return null;
    }

    private static int eventPayloadType(MediaDescription m) {
        for (int pt : m.formats()) {
            if (m.encodingOf(pt).equalsIgnoreCase("telephone-event") && m.clockRateOf(pt) == 8000) {
                return pt;
            }
        }
        return -1;
    }

    private static List<String> encodings(MediaDescription m) {
        List<String> names = new ArrayList<>();
        for (int pt : m.formats()) {
            names.add(m.encodingOf(pt));
        }
        return names;
    }

    private static String join(List<Integer> formats) {
        StringBuilder sb = new StringBuilder();
        for (int f : formats) {
            sb.append(sb.isEmpty() ? "" : " ").append(f);
        }
        return sb.isEmpty() ? "0" : sb.toString();
    }

    private static String body(Local l, List<Integer> codecs, int eventPt, List<String> rejectedLines) {
        String ipv = l.address().contains(":") ? "IP6" : "IP4";
        StringBuilder sb = new StringBuilder();
        sb.append("v=0\r\n")
          .append("o=opendialer ").append(l.sessionId()).append(' ').append(l.version())
          .append(" IN ").append(ipv).append(' ').append(l.address()).append("\r\n")
          .append("s=-\r\n")
          .append("c=IN ").append(ipv).append(' ').append(l.address()).append("\r\n")
          .append("t=0 0\r\n")
          .append("m=audio ").append(l.rtpPort()).append(" RTP/AVP");
        for (int pt : codecs) {
            sb.append(' ').append(pt);
        }
        if (eventPt >= 0) {
            sb.append(' ').append(eventPt);
        }
        sb.append("\r\n");
        for (int pt : codecs) {
            G711 c = G711.forPayloadType(pt);
            sb.append("a=rtpmap:").append(pt).append(' ').append(c.encodingName()).append("/8000\r\n");
        }
        if (eventPt >= 0) {
            sb.append("a=rtpmap:").append(eventPt).append(" telephone-event/8000\r\n")
              .append("a=fmtp:").append(eventPt).append(" 0-16\r\n");
        }
        sb.append("a=ptime:20\r\n").append("a=").append(l.direction().attribute()).append("\r\n");
        for (String line : rejectedLines) {
            sb.append(line).append("\r\n");
        }
        return sb.toString();
    }
}
