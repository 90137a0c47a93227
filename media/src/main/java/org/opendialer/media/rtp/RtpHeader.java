package org.opendialer.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * RTP fixed header (RFC 3550 §5.1), parsed in place from a buffer into this reusable object.
 *
 * <p>One instance per receive path, reused for every packet: parsing allocates nothing. Malformed input yields a
 * {@link Result} other than {@code OK}, which the caller counts; it never throws.
 */
public final class RtpHeader {

    /** Outcome of {@link #parse}. */
    public enum Result { OK, TOO_SHORT, BAD_VERSION, BAD_LENGTH, RTCP }

    public static final int FIXED_LENGTH = 12;

    private boolean marker;
    private int payloadType;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Parses the packet between {@code buf.readerIndex()} and {@code writerIndex()} without moving indexes.
     * CSRCs, header extensions and padding are skipped; the payload is what remains.
     */
    public Result parse(ByteBuf buf) {
        int start = buf.readerIndex();
        int len = buf.readableBytes();
        if (len < FIXED_LENGTH) {
            return Result.TOO_SHORT;
        }
        int b0 = buf.getUnsignedByte(start);
        if ((b0 >> 6) != 2) {
            return Result.BAD_VERSION;
        }
        int b1 = buf.getUnsignedByte(start + 1);
        // RTCP packet types 200..204 look like marker + PT 72..76; RFC 5761 §4 says to demultiplex on that.
        if (b1 >= 200 && b1 <= 204) {
            return Result.RTCP;
        }
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequence = buf.getUnsignedShort(start + 2);
        timestamp = buf.getUnsignedInt(start + 4);
        ssrc = buf.getUnsignedInt(start + 8);
        int offset = FIXED_LENGTH + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (len < offset + 4) {
                return Result.BAD_LENGTH;
            }
            offset += 4 + 4 * buf.getUnsignedShort(start + offset + 2);
        }
        int end = len;
        if ((b0 & 0x20) != 0) {
            end -= buf.getUnsignedByte(start + len - 1);
        }
        if (offset > end) {
            return Result.BAD_LENGTH;
        }
        payloadOffset = start + offset;
        payloadLength = end - offset;
        return Result.OK;
    }

    /** Writes a 12-byte header (no CSRC, no extension) at the buffer's writer index. */
    public static void write(ByteBuf out, boolean marker, int payloadType, int sequence, long timestamp, long ssrc) {
        out.writeByte(0x80);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out.writeShort(sequence);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** 16-bit sequence number, 0..65535. */
    public int sequence() {
        return sequence;
    }

    /** 32-bit timestamp as an unsigned value. */
    public long timestamp() {
        return timestamp;
    }

    public long ssrc() {
        return ssrc;
    }

    /** Absolute index of the payload's first byte in the parsed buffer. */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
