package org.opendialer.media.dtmf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.opendialer.media.rtp.RtpHeader;
import org.opendialer.media.testutil.Pcap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Rfc4733Test {

    private final List<String> seen = new ArrayList<>();
    private final Rfc4733Receiver rx = receiver(seen);

    private static Rfc4733Receiver receiver(List<String> seen) {
        return new Rfc4733Receiver(new Rfc4733Receiver.Listener() {
        @Override
        public void onEventStart(char digit) {
            seen.add("start " + digit);
        }

        @Override
        public void onEventEnd(char digit, int durationMs) {
            seen.add("end " + digit + " " + durationMs);
        }
        });
    }

    private static ByteBuf event(int code, boolean end, int duration) {
        return Unpooled.wrappedBuffer(new byte[] {(byte) code, (byte) ((end ? 0x80 : 0) | 10),
                (byte) (duration >> 8), (byte) duration});
    }

    @Test
    void redundantEndPacketsGiveOneDigit() {
        rx.onPacket(event(5, false, 160), 0, 4, 1000, 1);
        rx.onPacket(event(5, false, 320), 0, 4, 1000, 2);
        for (int i = 0; i < 3; i++) {
            rx.onPacket(event(5, true, 800), 0, 4, 1000, 3);
        }
        assertThat(seen).containsExactly("start 5", "end 5 100");
    }

    @Test
    void onlyEndPacketsArrivedStillGivesTheDigit() {
        rx.onPacket(event(11, true, 960), 0, 4, 5000, 1);
        rx.onPacket(event(11, true, 960), 0, 4, 5000, 1);
        assertThat(seen).containsExactly("start #", "end # 120");
    }

    @Test
    void lostEndPacketsTimeOutInMediaTicks() {
        rx.onPacket(event(1, false, 160), 0, 4, 5000, 10);
        rx.onPacket(event(1, false, 480), 0, 4, 5000, 12);
        rx.onTick(12 + Rfc4733Receiver.TIMEOUT_TICKS);
        assertThat(seen).containsExactly("start 1");
        rx.onTick(13 + Rfc4733Receiver.TIMEOUT_TICKS);
        assertThat(seen).containsExactly("start 1", "end 1 60");
    }

    @Test
    void aNewEventEndsAnUnfinishedOneAndStragglersAreIgnored() {
        rx.onPacket(event(2, false, 160), 0, 4, 1000, 1);
        rx.onPacket(event(3, false, 160), 0, 4, 2000, 5);
        rx.onPacket(event(2, true, 800), 0, 4, 1000, 6); // late end of the old event
        rx.onPacket(event(16, false, 160), 0, 4, 3000, 7); // flash is not a digit
        assertThat(seen).containsExactly("start 2", "end 2 20", "start 3");
        assertThat(rx.malformed()).isEqualTo(1);
    }

    @Test
    void senderPacketsDecodeBackWithTheirDuration() {
        Rfc4733Sender tx = new Rfc4733Sender(100, 60);
        tx.enqueue('9');
        tx.enqueue('*');
        int packets = 0;
        int markers = 0;
        for (int tick = 0; tick < 40; tick++) {
            long ts = 160L * tick;
            int copies = tx.next(ts);
            for (int i = 0; i < copies; i++) {
                packets++;
                markers += tx.marker() ? 1 : 0;
                rx.onPacket(Unpooled.wrappedBuffer(tx.payload()), 0, 4, tx.timestamp(), tick);
            }
        }
        assertThat(seen).containsExactly("start 9", "end 9 100", "start *", "end * 100");
        assertThat(packets).isEqualTo(2 * (5 + 2)); // 5 growing packets (last is the first E) + 2 repeats
        assertThat(markers).isEqualTo(2);
        assertThat(tx.busy()).isFalse();
    }

    @Test
    void sippShippedPcapsDecodeToTheirDigit() throws Exception {
        String names = "0123456789";
        List<String> files = new ArrayList<>();
        for (char c : names.toCharArray()) {
            files.add(c + "");
        }
        files.add("pound");
        files.add("star");
        RtpHeader h = new RtpHeader();
        for (String f : files) {
            seen.clear();
            Rfc4733Receiver fresh = receiver(seen); // each capture is its own call
            List<Pcap.Udp> packets = Pcap.udp(Path.of("/usr/share/sip-tester/dtmf_2833_" + f + ".pcap"));
            int tick = 0;
            for (Pcap.Udp p : packets) {
                ByteBuf b = Unpooled.wrappedBuffer(p.payload());
                assertThat(h.parse(b)).isEqualTo(RtpHeader.Result.OK);
                assertThat(h.payloadType()).isEqualTo(101);
                fresh.onPacket(b, h.payloadOffset(), h.payloadLength(), h.timestamp(), tick++);
            }
            char expected = f.equals("pound") ? '#' : f.equals("star") ? '*' : f.charAt(0);
            assertThat(seen).as(f).containsExactly("start " + expected, "end " + expected + " 280");
        }
    }
}
