package org.opendialer.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.media.MediaSession;

/**
 * A starved media loop ({@link ManualMediaClock#stall}) skips ticks and sends nothing for them, but its RTP
 * timestamps still pass them (RFC 3550 §5.1): the peer sees a gap it conceals, and the packets after it are on time.
 * Had the timestamps stopped with the loop, every later packet would be as late as the stall and a fixed-delay
 * receiver would drop them all (SeedFlowCallsTest's caller heard half a greeting at load 20).
 */
class SkippedTicksSendTest {

    private final InetAddress lo = InetAddress.getLoopbackAddress();

    @Test
    void timestampsKeepTheMediaClockAcrossSkippedTicks() throws Exception {
        try (Loopback net = new Loopback(1); DatagramSocket peer = new DatagramSocket(0, lo)) {
            MediaSession a = net.leg("a");
            a.answer(Loopback.offer(peer.getLocalPort(), "0")); // an idle leg sends silence, one packet a tick
            net.clock.advance(10);
            List<Long> before = timestamps(peer);
            net.clock.stall(40); // far more than the loop catches up: it skips them
            net.clock.advance(10);
            List<Long> after = timestamps(peer);

            assertThat(net.server.skippedTicks()).as("ticks skipped, over both loops").isEqualTo(2 * 40);
            assertThat(after).as("one packet for each tick run, none for the skipped ones").hasSize(10);
            assertThat(before).isNotEmpty();
            assertThat(after.getFirst() - before.getLast()).as("timestamp step over the stall, in samples")
                    .isEqualTo(41 * 160L);
            assertThat(after.getLast() - after.getFirst()).isEqualTo(9 * 160L);
        }
    }

    /** Timestamps of the RTP packets waiting on {@code peer} (the ticks ran synchronously: all were sent). */
    private static List<Long> timestamps(DatagramSocket peer) throws Exception {
        List<Long> out = new ArrayList<>();
        byte[] buf = new byte[2048];
        peer.setSoTimeout(500);
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                peer.receive(p);
            } catch (SocketTimeoutException e) {
                return out;
            }
            out.add(ByteBuffer.wrap(buf, 4, 4).getInt() & 0xFFFFFFFFL);
        }
    }
}
