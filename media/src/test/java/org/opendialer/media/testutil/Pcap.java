package org.opendialer.media.testutil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads UDP payloads (RTP here) out of a classic libpcap file with Ethernet or Linux cooked framing, IPv4. */
public final class Pcap {

    public record Udp(long micros, int srcPort, int dstPort, byte[] payload) {
    }

    private Pcap() {
    }

    public static List<Udp> udp(Path file) throws IOException {
        byte[] d = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(d);
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != 0xa1b2c3d4) {
                throw new IOException(file + ": not a microsecond pcap file");
            }
        }
        int link = b.getInt(20);
        int linkHeader = switch (link) {
            case 1 -> 14;
            case 113 -> 16;
            default -> throw new IOException(file + ": unsupported link type " + link);
        };
        List<Udp> out = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= d.length) {
            long micros = (b.getInt(pos) & 0xFFFFFFFFL) * 1_000_000L + (b.getInt(pos + 4) & 0xFFFFFFFFL);
            int incl = b.getInt(pos + 8);
            int ip = pos + 16 + linkHeader;
            pos += 16 + incl;
            if ((d[ip] >> 4) != 4 || d[ip + 9] != 17) {
                continue; // not IPv4 UDP
            }
            int udp = ip + (d[ip] & 0x0F) * 4;
            ByteBuffer be = ByteBuffer.wrap(d).order(ByteOrder.BIG_ENDIAN);
            int src = be.getShort(udp) & 0xFFFF;
            int dst = be.getShort(udp + 2) & 0xFFFF;
            int len = (be.getShort(udp + 4) & 0xFFFF) - 8;
            out.add(new Udp(micros, src, dst, Arrays.copyOfRange(d, udp + 8, udp + 8 + len)));
        }
        return out;
    }
}
