package org.opendialer.api.calls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a tcpdump capture (pcap, Linux loopback) of RTP and sums what it carried. */
final class RtpCapture {

    /**
     * @param packets      RTP packets seen
     * @param audioPackets PCMU packets whose payload is not digital silence (speech or tones we played)
     * @param firstAudioNanos capture time of the first such packet (epoch nanoseconds), 0 when none
     */
    record Summary(int packets, int audioPackets, long firstAudioNanos) {
        long audioMillis() {
            return audioPackets * 20L;
        }
    }

    private RtpCapture() { }

    static Summary read(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
        if (b.remaining() < 24) {
            return new Summary(0, 0, 0);
        }
        boolean swapped = b.getInt(0) == 0xd4c3b2a1;
        b.order(swapped ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int linkType = b.getInt(20);
        int linkHeader = linkType == 1 ? 14 : linkType == 113 ? 16 : 0; // Ethernet (lo) or Linux cooked
        int pos = 24;
        int packets = 0;
        int audio = 0;
        long first = 0;
        while (pos + 16 <= b.limit()) {
            long sec = Integer.toUnsignedLong(b.getInt(pos));
            long usec = Integer.toUnsignedLong(b.getInt(pos + 4));
            int captured = b.getInt(pos + 8);
            int ip = pos + 16 + linkHeader;
            int ihl = (b.get(ip) & 0x0f) * 4;
            int rtp = ip + ihl + 8;
            int end = pos + 16 + captured;
            pos = end;
            if (rtp + 12 > end || (b.get(rtp) & 0xc0) != 0x80) {
                continue;
            }
            packets++;
            int payloadType = b.get(rtp + 1) & 0x7f;
            if (payloadType == 0 && loud(b, rtp + 12, end)) {
                audio++;
                if (first == 0) {
                    first = sec * 1_000_000_000L + usec * 1000;
                }
            }
        }
        return new Summary(packets, audio, first);
    }

    /** µ-law 0xFF/0x7F and their neighbours are near-silence; a played prompt has larger values. */
    private static boolean loud(ByteBuffer b, int from, int to) {
        int loud = 0;
        for (int i = from; i < to; i++) {
            int magnitude = 0x7f - (b.get(i) & 0x7f); // µ-law stores the inverted magnitude
            if (magnitude > 0x20) {
                loud++;
            }
        }
        return loud > (to - from) / 10;
    }
}
