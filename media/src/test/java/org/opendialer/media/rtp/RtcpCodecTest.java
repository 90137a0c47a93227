package org.opendialer.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RtcpCodecTest {

    @Test
    void senderReportRoundTrip() {
        RtpSourceStats src = new RtpSourceStats();
        for (int i = 0; i < 10; i++) {
            if (i != 3) {
                src.onPacket(77, i, i * 160L, i * 160L);
            }
        }
        ByteBuf b = Unpooled.buffer();
        long ntp = RtcpCodec.ntp(1_700_000_000_123L);
        RtcpCodec.write(b, 0x1234, ntp, 5000, 50, 8600, src, 0xAABBCCDDL, 65536);
        assertThat(b.readableBytes()).isEqualTo(52);
        RtcpCodec.Report r = new RtcpCodec.Report();
        assertThat(RtcpCodec.read(b, r)).isTrue();
        assertThat(r.senderSsrc).isEqualTo(0x1234);
        assertThat(r.ntpMiddle).isEqualTo((ntp >>> 16) & 0xFFFFFFFFL);
        assertThat(r.hasBlock).isTrue();
        assertThat(r.cumulativeLost).isEqualTo(1);
        assertThat(r.fractionLost).isEqualTo(256 / 10);
    }

    @Test
    void receiverReportWithoutSourceAndGarbage() {
        ByteBuf b = Unpooled.buffer();
        RtcpCodec.write(b, 9, 0, 0, 0, 0, new RtpSourceStats(), 0, 0);
        assertThat((int) b.getUnsignedByte(1)).isEqualTo(RtcpCodec.RR);
        RtcpCodec.Report r = new RtcpCodec.Report();
        assertThat(RtcpCodec.read(b, r)).isTrue();
        assertThat(r.hasBlock).isFalse();
        assertThat(RtcpCodec.read(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 200, 0, 9}), r)).isFalse();
    }

    @Test
    void ntpEpoch() {
        assertThat(RtcpCodec.ntp(0) >>> 32).isEqualTo(2_208_988_800L);
        assertThat(RtcpCodec.ntp(500) & 0xFFFFFFFFL).isEqualTo(1L << 31);
    }
}
