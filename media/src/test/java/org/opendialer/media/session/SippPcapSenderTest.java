package org.opendialer.media.session;

import org.junit.jupiter.api.Test;
import org.opendialer.media.DtmfEvent;
import org.opendialer.media.DtmfSource;
import org.opendialer.media.MediaSession;
import org.opendialer.media.testutil.Pcap;
import org.opendialer.media.testutil.Signals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIPp's shipped captures replayed at a leg from a plain JDK socket: an independent RTP sender (30 ms A-law
 * speech, and RFC 2833 events with SIPp's own packetisation) through the real Netty receive path.
 */
class SippPcapSenderTest {

    private static final Path SIPP = Path.of("/usr/share/sip-tester");

    /** Sends the capture's packets paced by their RTP timestamps against the virtual media clock. */
    private static void replay(Loopback net, MediaSession leg, DatagramSocket socket, List<Pcap.Udp> packets,
                               int ticksAfter) throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        long firstMicros = packets.get(0).micros();
        int sent = 0;
        long tickMicros = 0;
        for (Pcap.Udp p : packets) {
            while (p.micros() - firstMicros > tickMicros) {
                net.clock.advance(1);
                tickMicros += 20_000;
            }
            socket.send(new DatagramPacket(p.payload(), p.payload().length, lo, leg.localRtpPort()));
            sent++;
            int expect = sent;
            Loopback.await(() -> leg.stats().packetsIn() >= expect, "packet " + expect);
        }
        net.clock.advance(ticksAfter);
    }

    @Test
    void g711aSpeechPlaysOutWithoutLossAndYieldsNoDigits() throws Exception {
        try (Loopback net = new Loopback(2); DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            MediaSession leg = net.leg("sipp");
            String answer = leg.answer(Loopback.offer(socket.getLocalPort(), "8"));
            assertThat(answer).contains("RTP/AVP 8\r\n");
            Loopback.Frames heard = new Loopback.Frames();
            leg.addTap(heard);
            List<DtmfEvent> digits = Loopback.digits(leg);
            List<Pcap.Udp> packets = Pcap.udp(SIPP.resolve("g711a.pcap"));
            replay(net, leg, socket, packets, 10);

            assertThat(leg.stats().malformed()).isZero();
            assertThat(leg.stats().packetsLost()).isZero();
            assertThat(leg.stats().framesConcealed()).isZero();
            short[] pcm = heard.all();
            // 30 ms packets, 240 samples each, all played out (plus priming and the trailing idle frames)
            assertThat(pcm.length).isGreaterThanOrEqualTo(packets.size() * 240);
            long energy = 0;
            for (short s : pcm) {
                energy += (long) s * s;
            }
            assertThat(energy / pcm.length).isGreaterThan(10_000); // real speech, not silence
            assertThat(digits).isEmpty();
            assertThat(Signals.detect(pcm)).isEmpty();
        }
    }

    @Test
    void rfc2833CapturesArriveAsDigits() throws Exception {
        try (Loopback net = new Loopback(2); DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            MediaSession leg = net.leg("sipp");
            leg.answer(Loopback.offer(socket.getLocalPort(), "0 101", "a=rtpmap:101 telephone-event/8000"));
            List<DtmfEvent> digits = Loopback.digits(leg);
            StringBuilder expected = new StringBuilder();
            // slices of one SIPp capture (one SSRC), replayed in capture order
            for (String name : new String[] {"1", "3", "9", "star", "pound"}) {
                replay(net, leg, socket, Pcap.udp(SIPP.resolve("dtmf_2833_" + name + ".pcap")), 5);
                expected.append(name.equals("star") ? '*' : name.equals("pound") ? '#' : name.charAt(0));
            }
            Loopback.await(() -> digits.size() == 5, "five digits");
            assertThat(digits).extracting(DtmfEvent::digit).map(String::valueOf)
                    .containsExactly(expected.toString().split(""));
            assertThat(digits).allSatisfy(e -> {
                assertThat(e.source()).isEqualTo(DtmfSource.RFC4733);
                assertThat(e.durationMs()).isEqualTo(280);
            });
        }
    }

    @Test
    void ssrcChangeMidCallIsCountedAndAudioContinues() throws Exception {
        try (Loopback net = new Loopback(2); DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            MediaSession leg = net.leg("raw");
            leg.answer(Loopback.offer(socket.getLocalPort(), "0"));
            Loopback.Frames heard = new Loopback.Frames();
            leg.addTap(heard);
            InetAddress lo = InetAddress.getLoopbackAddress();
            byte[] pkt = new byte[172];
            int sent = 0;
            for (int i = 0; i < 100; i++) {
                boolean second = i >= 50; // the far end restarts its stream (e.g. after a transfer)
                long ssrc = second ? 0x2222 : 0x1111;
                int seq = second ? 9000 + i : 60000 + i;     // first stream wraps its sequence number
                long ts = second ? 7_000_000L + i * 160L : 0xFFFFF000L + i * 160L; // and its timestamp
                java.nio.ByteBuffer.wrap(pkt).put((byte) 0x80).put((byte) 0).putShort((short) seq)
                        .putInt((int) ts).putInt((int) ssrc);
                java.util.Arrays.fill(pkt, 12, 172, (byte) 0x90); // a steady non-zero level
                socket.send(new DatagramPacket(pkt, pkt.length, lo, leg.localRtpPort()));
                int expect = ++sent;
                Loopback.await(() -> leg.stats().packetsIn() >= expect, "packet " + expect);
                net.clock.advance(1);
            }
            assertThat(leg.stats().ssrcChanges()).isEqualTo(1);
            assertThat(leg.stats().packetsLost()).isZero();
            assertThat(leg.stats().framesConcealed()).isZero();
            short[] pcm = heard.all();
            short level = org.opendialer.media.codec.G711.PCMU.decode((byte) 0x90);
            // after the change only the re-priming gap (3 frames) is silent
            int silentAfterStart = 0;
            for (int f = 5; f < pcm.length / 160; f++) {
                silentAfterStart += pcm[f * 160 + 80] == level ? 0 : 1;
            }
            assertThat(silentAfterStart).isLessThanOrEqualTo(3);
        }
    }
}
