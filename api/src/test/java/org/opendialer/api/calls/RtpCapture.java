package org.opendialer.api.calls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a carrier's tcpdump capture (pcap, Linux loopback): the SIP it exchanged and the RTP both ways, as the far
 * end saw them. Capture times are when the packets crossed the carrier's interface, so "answer → first audio" is
 * measured where a person would hear it, not where we decided to play.
 */
final class RtpCapture {

    /**
     * @param packets      RTP packets we sent to the carrier
     * @param audioPackets PCMU packets of those whose payload is not digital silence (speech or tones we played)
     * @param firstAudioNanos capture time of the first such packet (epoch nanoseconds), 0 when none
     */
    record Summary(int packets, int audioPackets, long firstAudioNanos) {
        long audioMillis() {
            return audioPackets * 20L;
        }
    }

    /** One UDP datagram: capture time (epoch ns), ports, payload. */
    record Datagram(long atNanos, int srcPort, int dstPort, byte[] payload) {
        boolean rtp() {
            return payload.length >= 12 && (payload[0] & 0xc0) == 0x80 && (payload[1] & 0x7f) < 72;
        }

        /** RTP timestamp in samples (8 kHz). */
        long rtpTimestamp() {
            return ByteBuffer.wrap(payload, 4, 4).getInt() & 0xFFFFFFFFL;
        }

        /** PCMU with sound in it (µ-law 0xFF/0x7F and their neighbours are near-silence; a prompt has larger values). */
        boolean loud() {
            if ((payload[1] & 0x7f) != 0) {
                return false;
            }
            int loud = 0;
            for (int i = 12; i < payload.length; i++) {
                if (0x7f - (payload[i] & 0x7f) > 0x20) { // µ-law stores the inverted magnitude
                    loud++;
                }
            }
            return loud > (payload.length - 12) / 10;
        }

        String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * One call as the carrier saw it.
     *
     * @param answerNanos  when the carrier sent its first 200 OK to our INVITE
     * @param ours         the RTP we sent, in capture order
     * @param theirs       the RTP the carrier sent us, in capture order
     */
    record FarEndCall(String callId, long answerNanos, List<Datagram> ours, List<Datagram> theirs) {

        /** First packet we sent with sound in it, or null. */
        Datagram firstAudio() {
            return ours.stream().filter(Datagram::loud).findFirst().orElse(null);
        }

        /** Capture time from the 200 OK to the first sound we sent; -1 when none. */
        long answerToFirstAudioMs() {
            Datagram a = firstAudio();
            return a == null || answerNanos == 0 ? -1 : (a.atNanos() - answerNanos) / 1_000_000;
        }

        /** Media time (RTP timestamps of our stream) from our first packet, silence, to our first sound; -1 when none. */
        long mediaMsToFirstAudio() {
            Datagram a = firstAudio();
            return a == null || ours.isEmpty() ? -1 : ((a.rtpTimestamp() - ours.getFirst().rtpTimestamp()) & 0xFFFFFFFFL) / 8;
        }
    }

    private static final Pattern CALL_ID = Pattern.compile("(?mi)^Call-ID:\\s*(\\S+)");
    private static final Pattern AUDIO_PORT = Pattern.compile("(?m)^m=audio (\\d+) ");

    private RtpCapture() { }

    /** What we sent to the carrier's media port. */
    static Summary read(Path pcap, int carrierMediaPort) throws IOException {
        int packets = 0;
        int audio = 0;
        long first = 0;
        for (Datagram d : datagrams(pcap)) {
            if (d.dstPort() != carrierMediaPort || !d.rtp()) {
                continue;
            }
            packets++;
            if (d.loud()) {
                audio++;
                first = first == 0 ? d.atNanos() : first;
            }
        }
        return new Summary(packets, audio, first);
    }

    /**
     * Every call of the capture: its 200 OK, and the RTP between our media port (from our INVITE's SDP) and the
     * carrier's, in the order the INVITEs arrived.
     */
    static List<FarEndCall> calls(Path pcap, int carrierSipPort, int carrierMediaPort) throws IOException {
        Map<String, Integer> ourPort = new LinkedHashMap<>();
        Map<String, Long> answered = new HashMap<>();
        Map<Integer, List<Datagram>> ours = new HashMap<>();
        Map<Integer, List<Datagram>> theirs = new HashMap<>();
        for (Datagram d : datagrams(pcap)) {
            if (d.dstPort() == carrierSipPort || d.srcPort() == carrierSipPort) {
                String sip = d.text();
                Matcher id = CALL_ID.matcher(sip);
                if (!id.find()) {
                    continue;
                }
                Matcher port = AUDIO_PORT.matcher(sip);
                if (sip.startsWith("INVITE ") && port.find()) {
                    ourPort.putIfAbsent(id.group(1), Integer.parseInt(port.group(1)));
                } else if (sip.startsWith("SIP/2.0 200") && sip.contains(" INVITE")) {
                    answered.putIfAbsent(id.group(1), d.atNanos()); // retransmissions keep the first
                }
            } else if (d.rtp() && d.dstPort() == carrierMediaPort) {
                ours.computeIfAbsent(d.srcPort(), p -> new ArrayList<>()).add(d);
            } else if (d.rtp() && d.srcPort() == carrierMediaPort) {
                theirs.computeIfAbsent(d.dstPort(), p -> new ArrayList<>()).add(d);
            }
        }
        List<FarEndCall> out = new ArrayList<>();
        ourPort.forEach((id, port) -> out.add(new FarEndCall(id, answered.getOrDefault(id, 0L),
                ours.getOrDefault(port, List.of()), theirs.getOrDefault(port, List.of()))));
        return out;
    }

    static List<Datagram> datagrams(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
        List<Datagram> out = new ArrayList<>();
        if (b.remaining() < 24) {
            return out;
        }
        boolean swapped = b.getInt(0) == 0xd4c3b2a1;
        b.order(swapped ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int linkType = b.getInt(20);
        int linkHeader = linkType == 1 ? 14 : linkType == 113 ? 16 : 0; // Ethernet (lo) or Linux cooked
        int pos = 24;
        while (pos + 16 <= b.limit()) {
            long sec = Integer.toUnsignedLong(b.getInt(pos));
            long usec = Integer.toUnsignedLong(b.getInt(pos + 4));
            int captured = b.getInt(pos + 8);
            int ip = pos + 16 + linkHeader;
            int end = Math.min(pos + 16 + captured, b.limit());
            pos = pos + 16 + captured;
            if (ip + 20 > end || (b.get(ip) & 0xf0) != 0x40 || b.get(ip + 9) != 17) {
                continue; // IPv4 UDP only
            }
            int udp = ip + (b.get(ip) & 0x0f) * 4;
            if (udp + 8 > end) {
                continue;
            }
            ByteBuffer be = b.duplicate().order(ByteOrder.BIG_ENDIAN);
            byte[] payload = new byte[end - udp - 8];
            be.get(udp + 8, payload);
            out.add(new Datagram(sec * 1_000_000_000L + usec * 1000, be.getShort(udp) & 0xFFFF,
                    be.getShort(udp + 2) & 0xFFFF, payload));
        }
        return out;
    }
}
