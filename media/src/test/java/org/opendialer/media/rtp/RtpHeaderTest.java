package org.opendialer.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RtpHeaderTest {

    private final RtpHeader h = new RtpHeader();

    @Test
    void writtenHeaderParsesBack() {
        ByteBuf b = Unpooled.buffer();
        RtpHeader.write(b, true, 8, 65535, 0xFFFFFFF0L, 0xDEADBEEFL);
        b.writeBytes(new byte[160]);
        assertThat(h.parse(b)).isEqualTo(RtpHeader.Result.OK);
        assertThat(h.marker()).isTrue();
        assertThat(h.payloadType()).isEqualTo(8);
        assertThat(h.sequence()).isEqualTo(65535);
        assertThat(h.timestamp()).isEqualTo(0xFFFFFFF0L);
        assertThat(h.ssrc()).isEqualTo(0xDEADBEEFL);
        assertThat(h.payloadOffset()).isEqualTo(12);
        assertThat(h.payloadLength()).isEqualTo(160);
        b.release();
    }

    @Test
    void csrcExtensionAndPaddingAreSkipped() {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(0x80 | 0x20 | 0x10 | 2); // padding, extension, 2 CSRCs
        b.writeByte(0);
        b.writeShort(1).writeInt(2).writeInt(3);
        b.writeInt(11).writeInt(12);               // CSRCs
        b.writeShort(0xBEDE).writeShort(1).writeInt(0); // one-word extension
        b.writeBytes(new byte[] {1, 2, 3, 4, 5});
        b.writeBytes(new byte[] {0, 0, 3});        // 3 padding bytes
        assertThat(h.parse(b)).isEqualTo(RtpHeader.Result.OK);
        assertThat(h.payloadOffset()).isEqualTo(12 + 8 + 8);
        assertThat(h.payloadLength()).isEqualTo(5);
    }

    @Test
    void malformedInputIsAResultNotAnException() {
        assertThat(h.parse(Unpooled.wrappedBuffer(new byte[5]))).isEqualTo(RtpHeader.Result.TOO_SHORT);
        byte[] v1 = new byte[20];
        v1[0] = 0x40;
        assertThat(h.parse(Unpooled.wrappedBuffer(v1))).isEqualTo(RtpHeader.Result.BAD_VERSION);
        byte[] csrcOverrun = new byte[16];
        csrcOverrun[0] = (byte) 0x8F; // 15 CSRCs in 16 bytes
        assertThat(h.parse(Unpooled.wrappedBuffer(csrcOverrun))).isEqualTo(RtpHeader.Result.BAD_LENGTH);
        byte[] rtcp = new byte[28];
        rtcp[0] = (byte) 0x80;
        rtcp[1] = (byte) 200;
        assertThat(h.parse(Unpooled.wrappedBuffer(rtcp))).isEqualTo(RtpHeader.Result.RTCP);
    }
}
