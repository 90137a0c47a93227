package org.opendialer.media.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.Playable;
import org.opendialer.media.codec.G711;
import org.opendialer.media.dtmf.InbandDtmfDetector;
import org.opendialer.media.dtmf.Rfc4733Receiver;
import org.opendialer.media.play.Player;
import org.opendialer.media.play.ToneSource;
import org.opendialer.media.rtp.RtpHeader;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Our 20 ms path (parse, jitter buffer, decode, DTMF detection, taps, playback, encode) allocates nothing. */
class PipelineAllocationTest {

    @Test
    void receiveAndSendPathsAllocateNothingPerFrame() {
        long[] digits = new long[1];
        ReceivePath rx = new ReceivePath(3, new Rfc4733Receiver.Listener() {
            @Override
            public void onEventStart(char digit) {
            }

            @Override
            public void onEventEnd(char digit, int durationMs) {
                digits[0]++;
            }
        }, (InbandDtmfDetector.Listener) (d, s, n) -> digits[0]++);
        rx.configure(G711.PCMU, 101);
        long[] tapped = new long[1];
        rx.setTaps(new org.opendialer.media.FrameTap[] {(pcm, i) -> tapped[0] += pcm[0]});
        Player player = new Player();
        player.enqueue(new ToneSource(Playable.Tone.holdMusic(Duration.ofHours(1))), PlayOptions.DEFAULT,
                new CompletableFuture<>());
        short[] frame = new short[160];
        byte[] encoded = new byte[160];
        ByteBuf packet = Unpooled.directBuffer(172);
        InetSocketAddress sender = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

        Runnable oneFrame = new Runnable() {
            int seq;

            @Override
            public void run() {
                player.read(frame);
                G711.PCMU.encode(frame, 0, encoded, 0, 160);
                packet.clear();
                RtpHeader.write(packet, false, 0, seq & 0xFFFF, seq * 160L, 1234);
                packet.writeBytes(encoded);
                rx.onPacket(packet, sender, seq, seq * 160L);
                rx.onTick(seq);
                seq++;
            }
        };
        for (int i = 0; i < 50_000; i++) {
            oneFrame.run(); // warm up: JIT, lazily initialised tables
        }
        com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = tmx.getCurrentThreadAllocatedBytes();
        int frames = 50_000;
        for (int i = 0; i < frames; i++) {
            oneFrame.run();
        }
        long bytes = tmx.getCurrentThreadAllocatedBytes() - before;
        assertThat(rx.jitter().framesPlayed()).isGreaterThan(99_000);
        assertThat(digits[0]).isZero(); // hold music is not DTMF
        assertThat((double) bytes / frames).as("bytes per frame").isLessThan(1.0);
        packet.release();
    }
}
