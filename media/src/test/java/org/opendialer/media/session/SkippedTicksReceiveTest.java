package org.opendialer.media.session;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.media.DtmfEvent;
import org.opendialer.media.DtmfSource;
import org.opendialer.media.MediaSession;
import org.opendialer.media.MediaStats;
import org.opendialer.media.Recording;
import org.opendialer.media.RecordingLimits;
import org.opendialer.media.codec.G711;
import org.opendialer.media.testutil.Signals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A starved media loop ({@link ManualMediaClock#stall}) skips ticks while a 200-frame greeting arrives from a plain
 * socket keeping real time. The leg must read the frames of the skipped ticks afterwards: the greeting reaches the
 * taps and the recorder whole and in order, with its in-band digit, and the jitter buffer discards nothing; the
 * bridged leg still gets at most one frame per tick (no burst towards the peer).
 *
 * <p>Stalls are modelled both ways a Netty loop sees them: the stall's packets read before the late tick, and the
 * late tick first (it was queued behind the blocking task) with the packets read after it.
 */
class SkippedTicksReceiveTest {

    private static final int GREETING = 200;
    /** The stream goes on after the greeting, so the last stall's debt is paid while audio still flows. */
    private static final int STREAM = 260;
    /** Frames of the greeting carrying an in-band '7' (100 ms), arriving during the second stall. */
    private static final int DIGIT_FROM = 120;
    private static final int DIGIT_FRAMES = 5;
    private static final short[] DIGIT = Signals.dtmf('7', DIGIT_FRAMES * 20, -6, -6, 1, 0);

    private final InetAddress lo = InetAddress.getLoopbackAddress();
    private int sent;
    private long bridgeMaxPerTick;
    private long bridgeOffered;
    private int ticks;

    @Test
    void greetingArrivingDuringSkippedTicksReachesTapsAndRecorderWholeAndInOrderButNotAsABurstToTheBridge(
            @TempDir Path dir) throws Exception {
        try (Loopback net = new Loopback(3); DatagramSocket peer = new DatagramSocket(0, lo)) {
            MediaSession a = net.leg("a");
            a.answer(Loopback.offer(peer.getLocalPort(), "0"));
            MediaSession b = net.leg("b");
            MediaSession c = net.leg("c");
            Loopback.connect(b, c);
            LegBridge.bridge(a, b);
            Loopback.Frames heard = new Loopback.Frames();
            a.addTap(heard);
            List<DtmfEvent> digits = Loopback.digits(a);
            Recording rec = a.record(dir.resolve("a.wav"), RecordingLimits.of(Duration.ofSeconds(60)));
            FrameRing toB = ((RtpMediaSession) a).bridgeOut;

            tick(net, a, peer, toB, 30);
            for (int i = 0; i < 40; i++) {  // packets of the stall read first, then the late tick
                send(a, peer);
            }
            net.clock.stall(40);
            tick(net, a, peer, toB, 30);
            stallTickFirst(net, a, peer, toB, 55);
            tick(net, a, peer, toB, 20);
            stallTickFirst(net, a, peer, toB, 40);
            while (sent < STREAM) {
                tick(net, a, peer, toB, 1);
            }
            tick(net, a, peer, toB, 2 * 50); // nothing more arrives: drain, then the buffer goes idle
            Recording.Result file = rec.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);

            MediaStats st = a.stats();
            List<short[]> recorded = frames(Files.readAllBytes(file.path()));
            SoftAssertions.assertSoftly(soft -> { // all of them, so a failure shows what was lost and how
                soft.assertThat(net.server.skippedTicks()).as("ticks skipped, over both loops").isEqualTo(2 * 135);
                soft.assertThat(st.framesCaughtUp()).as("owed frames read afterwards").isEqualTo(135);
                soft.assertThat(st.framesDiscarded()).as("frames discarded").isZero();
                soft.assertThat(st.jitterResyncs()).as("resyncs").isZero();
                soft.assertThat(st.packetsLate()).as("packets late").isZero();
                soft.assertThat(st.framesConcealed()).as("frames concealed").isZero();
                soft.assertThat(st.packetsIn()).isEqualTo(STREAM);
                soft.assertThat(mismatches(heard.frames)).as("greeting frames missing or out of order at the tap")
                        .isEmpty();
                soft.assertThat(heard.inOrder).isTrue();
                soft.assertThat(mismatches(recorded)).as("greeting frames missing in the recording").isEmpty();
                soft.assertThat(digits).extracting(DtmfEvent::digit, DtmfEvent::source)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple('7', DtmfSource.INBAND));
                soft.assertThat(bridgeOffered).as("frames the bridge got").isPositive().isLessThanOrEqualTo(ticks);
                soft.assertThat(bridgeMaxPerTick).as("frames the bridge got in one tick").isEqualTo(1);
            });
        }
    }

    /** The late tick runs before the stall's packets are read (it was queued behind what blocked the loop). */
    private void stallTickFirst(Loopback net, MediaSession a, DatagramSocket peer, FrameRing toB, int stall)
            throws Exception {
        net.clock.stall(stall);
        advance(net, toB);
        for (int i = 0; i <= stall; i++) {
            send(a, peer);
        }
    }

    /** {@code n} ticks, the peer's packet of each arriving before it. */
    private void tick(Loopback net, MediaSession a, DatagramSocket peer, FrameRing toB, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            if (sent < STREAM) {
                send(a, peer);
            }
            advance(net, toB);
        }
    }

    private void advance(Loopback net, FrameRing toB) {
        long before = toB.offered();
        net.clock.advance(1);
        ticks++;
        bridgeMaxPerTick = Math.max(bridgeMaxPerTick, toB.offered() - before);
        bridgeOffered = toB.offered();
    }

    private void send(MediaSession a, DatagramSocket peer) throws Exception {
        int k = sent++;
        byte[] pkt = new byte[12 + 160];
        ByteBuffer.wrap(pkt).put((byte) 0x80).put((byte) 0).putShort((short) (1000 + k)).putInt(5000 + 160 * k)
                .putInt(0x5157);
        System.arraycopy(payload(k), 0, pkt, 12, 160);
        peer.send(new DatagramPacket(pkt, pkt.length, lo, a.localRtpPort()));
        Loopback.await(() -> a.stats().packetsIn() > k, "packet " + k);
    }

    /** Frame {@code k}: the digit's tone, or near-silence with k in its first two samples. */
    private static byte[] payload(int k) {
        byte[] p = new byte[160];
        if (k >= DIGIT_FROM && k < DIGIT_FROM + DIGIT_FRAMES) {
            G711.PCMU.encode(DIGIT, (k - DIGIT_FROM) * 160, p, 0, 160);
        } else {
            Arrays.fill(p, (byte) 0xFF); // µ-law zero
            p[0] = (byte) (0xFE - k % 100); // distinct non-zero levels
            p[1] = (byte) (0xFE - k / 100);
        }
        return p;
    }

    private static short[] expected(int k) {
        short[] pcm = new short[160];
        G711.PCMU.decode(payload(k), 0, pcm, 0, 160);
        return pcm;
    }

    /** Greeting frames not found where they belong: the run of frames starting at the first one. */
    private static List<Integer> mismatches(List<short[]> frames) {
        List<short[]> f;
        synchronized (frames) {
            f = new ArrayList<>(frames);
        }
        int start = 0;
        while (start < f.size() && !Arrays.equals(f.get(start), expected(0))) {
            start++;
        }
        List<Integer> wrong = new ArrayList<>();
        for (int k = 0; k < GREETING; k++) {
            if (start + k >= f.size() || !Arrays.equals(f.get(start + k), expected(k))) {
                wrong.add(k);
            }
        }
        return wrong;
    }

    private static List<short[]> frames(byte[] wav) {
        ByteBuffer data = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        List<short[]> out = new ArrayList<>();
        while (data.remaining() >= 320) {
            short[] frame = new short[160];
            data.asShortBuffer().get(frame);
            data.position(data.position() + 320);
            out.add(frame);
        }
        return out;
    }
}
