package org.opendialer.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.opendialer.media.DtmfEvent;
import org.opendialer.media.FrameTap;
import org.opendialer.media.MediaConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.media.MediaServerOptions;
import org.opendialer.media.MediaSession;
import org.opendialer.media.MediaStats;
import org.opendialer.media.SdpException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * In-process calls over 127.0.0.1 in virtual time: the test advances the media clock tick by tick and, between
 * ticks, waits for the UDP datagrams of that tick to be read (awaiting I/O, never sleeping for time to pass).
 */
final class Loopback implements AutoCloseable {

    final ManualMediaClock clock = new ManualMediaClock();
    final MediaServer server;
    private final List<MediaSession> legs = new ArrayList<>();

    /** @param pairs port pairs in the range; 32 spare pairs are added for ports other processes hold */
    Loopback(int pairs) {
        this(pairs, true);
    }

    Loopback(int pairs, boolean spare) {
        int size = pairs + (spare ? 32 : 0);
        int base = 30000 + 2 * ThreadLocalRandom.current().nextInt(9000);
        server = MediaServer.start(new MediaConfig("127.0.0.1", base, base + 2 * size - 1),
                MediaServerOptions.defaults().withClock(clock).withThreads(2));
    }

    MediaSession leg(String name) {
        MediaSession s = server.createSession(name);
        legs.add(s);
        return s;
    }

    static void connect(MediaSession caller, MediaSession callee) throws SdpException {
        caller.acceptAnswer(callee.answer(caller.createOffer()));
    }

    /** An SDP offer from a plain socket on 127.0.0.1:{@code port} (an independent RTP sender). */
    static String offer(int port, String formats, String... attrs) {
        StringBuilder sb = new StringBuilder("v=0\r\no=sipp 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=audio " + port + " RTP/AVP " + formats + "\r\n");
        for (String a : attrs) {
            sb.append(a).append("\r\n");
        }
        return sb.toString();
    }

    /** Advances {@code ticks} media ticks, letting each tick's packets arrive before the next. */
    void run(int ticks) {
        for (int i = 0; i < ticks; i++) {
            clock.advance(1);
            settle();
        }
    }

    /** Waits until every packet our legs sent has been read by our legs. */
    void settle() {
        await(() -> {
            long out = 0;
            long in = 0;
            for (MediaSession s : legs) {
                MediaStats st = s.stats();
                out += st.packetsOut() + st.rtcpOut();
                in += st.packetsIn() + st.rtcpIn();
            }
            return in >= out;
        }, "all datagrams received");
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Asserts that {@code leg} has no digit to collect: a 500 ms collection is still waiting one tick before its
     * timeout and then completes empty.
     */
    void assertNoDigitFor(MediaSession leg) throws Exception {
        CompletableFuture<Character> none = leg.collectDigit(Duration.ofMillis(500)).toCompletableFuture();
        run(24);
        assertThat(none).as("no digit: the timeout runs").isNotDone();
        run(2);
        assertThat(none.get(1, TimeUnit.SECONDS)).isEqualTo((char) 0);
    }

    /** Collects a leg's DTMF events. */
    static List<DtmfEvent> digits(MediaSession s) {
        List<DtmfEvent> out = Collections.synchronizedList(new ArrayList<>());
        s.onDtmf(out::add);
        return out;
    }

    /** Records every received frame of a leg (copied). */
    static final class Frames implements FrameTap {
        final List<short[]> frames = Collections.synchronizedList(new ArrayList<>());
        long lastIndex = -1;
        boolean inOrder = true;

        @Override
        public void onFrame(short[] pcm160, long frameIndex) {
            inOrder &= frameIndex == lastIndex + 1;
            lastIndex = frameIndex;
            frames.add(pcm160.clone());
        }

        short[] all() {
            synchronized (frames) {
                short[] out = new short[frames.size() * 160];
                for (int i = 0; i < frames.size(); i++) {
                    System.arraycopy(frames.get(i), 0, out, i * 160, 160);
                }
                return out;
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
