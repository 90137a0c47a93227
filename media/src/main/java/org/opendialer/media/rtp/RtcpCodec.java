package org.opendialer.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Minimal RTCP (RFC 3550 §6.4): writes a sender or receiver report with one report block, and reads the first
 * report block and the sender-report timestamp from incoming SR/RR packets. Other packet types (SDES, BYE, APP)
 * are skipped. Allocation-free; malformed input returns false.
 */
public final class RtcpCodec {

    public static final int SR = 200;
    public static final int RR = 201;

    private RtcpCodec() {
    }

    /** What we learned from a peer's report. Reused; filled by {@link #read}. */
    public static final class Report {
        public long senderSsrc;
        /** Middle 32 bits of the SR NTP timestamp, or 0 if the packet was an RR. */
        public long ntpMiddle;
        public boolean hasBlock;
        public int fractionLost;
        public int cumulativeLost;
        public long jitter;
    }

    /**
     * Writes an SR (if {@code sentPackets > 0}) or RR with one report block about {@code source}.
     *
     * @param ntpNow    NTP time (64-bit, RFC 3550 §4) of this report
     * @param lsr       middle 32 bits of the last SR received from the source, 0 if none
     * @param dlsr      delay since that SR in 1/65536 s
     */
    public static void write(ByteBuf out, long ssrc, long ntpNow, long rtpNow, long sentPackets, long sentOctets,
                             RtpSourceStats source, long lsr, long dlsr) {
        boolean sender = sentPackets > 0;
        boolean block = source != null && source.hasSource();
        int words = 1 + (sender ? 5 : 0) + (block ? 6 : 0);
        out.writeByte(0x80 | (block ? 1 : 0));
        out.writeByte(sender ? SR : RR);
        out.writeShort(words);
        out.writeInt((int) ssrc);
        if (sender) {
            out.writeLong(ntpNow);
            out.writeInt((int) rtpNow);
            out.writeInt((int) sentPackets);
            out.writeInt((int) sentOctets);
        }
        if (block) {
            long lost = Math.max(-0x800000, Math.min(0x7FFFFF, source.lost()));
            out.writeInt((int) source.ssrc());
            out.writeInt((source.takeFractionLost() << 24) | (int) (lost & 0xFFFFFF));
            out.writeInt((int) source.extendedHighestSequence());
            out.writeInt((int) source.jitter());
            out.writeInt((int) lsr);
            out.writeInt((int) dlsr);
        }
    }

    /** Reads a (possibly compound) RTCP packet; returns false if it is not well-formed RTCP. */
    public static boolean read(ByteBuf buf, Report into) {
        int pos = buf.readerIndex();
        int end = buf.writerIndex();
        boolean any = false;
        into.hasBlock = false;
        into.ntpMiddle = 0;
        while (pos + 4 <= end) {
            int b0 = buf.getUnsignedByte(pos);
            int pt = buf.getUnsignedByte(pos + 1);
            int len = 4 * (buf.getUnsignedShort(pos + 2) + 1);
            if ((b0 >> 6) != 2 || pos + len > end) {
                return false;
            }
            int blocks = b0 & 0x1F;
            if ((pt == SR || pt == RR) && len >= 8) {
                into.senderSsrc = buf.getUnsignedInt(pos + 4);
                int blockAt = pos + 8;
                if (pt == SR && len >= 28) {
                    into.ntpMiddle = (buf.getLong(pos + 8) >>> 16) & 0xFFFFFFFFL;
                    blockAt = pos + 28;
                }
                if (blocks > 0 && blockAt + 24 <= pos + len) {
                    into.hasBlock = true;
                    int lostWord = buf.getInt(blockAt + 4);
                    into.fractionLost = lostWord >>> 24;
                    into.cumulativeLost = (lostWord << 8) >> 8;
                    into.jitter = buf.getUnsignedInt(blockAt + 12);
                }
            }
            any = true;
            pos += len;
        }
        return any;
    }

    /** Converts epoch milliseconds to a 64-bit NTP timestamp. */
    public static long ntp(long epochMillis) {
        long seconds = epochMillis / 1000 + 2_208_988_800L;
        long fraction = ((epochMillis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }
}
