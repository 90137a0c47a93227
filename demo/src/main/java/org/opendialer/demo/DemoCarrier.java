package org.opendialer.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.opendialer.call.CallSessions;
import org.opendialer.media.MediaConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.media.MediaStats;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.TrunkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated PSTN on loopback: our own SIP stack and media engine on their own port and RTP range, taking every
 * INVITE from 127.0.0.1 as a carrier would and answering it as its number's {@link PatternTable} rule says (a
 * {@link CallScript} per call). It reuses the server's call layer rather than a second SIP implementation: the
 * same code is exercised from both ends, and the carrier needs no process, file or tool beyond the JVM.
 */
public final class DemoCarrier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoCarrier.class);

    /**
     * @param bindAddress a loopback address: the carrier never listens beyond this machine
     * @param port        SIP port, 0 for a free one
     * @param rtpPortMin  first port of the carrier's own RTP range (apart from the server's)
     * @param rtpPortMax  last port of it; two ports a call
     * @param audioCache  where rendered voices are kept between runs
     * @param corpus      the shared recordings corpus, used when the directory exists (may be null)
     * @param maxCall     an answered call the caller never ends is hung up after this
     */
    public record Options(String bindAddress, int port, int rtpPortMin, int rtpPortMax, PatternTable table,
                          Path audioCache, Path corpus, Duration maxCall) {

        /** Loopback, a free SIP port, RTP 40000-49999, the default table, five-minute calls. */
        public static Options defaults(Path audioCache) {
            return new Options("127.0.0.1", 0, 40000, 49999, PatternTable.defaults(), audioCache, null,
                    Duration.ofMinutes(5));
        }

        public Options withPort(int p) {
            return new Options(bindAddress, p, rtpPortMin, rtpPortMax, table, audioCache, corpus, maxCall);
        }

        public Options withRtpPorts(int min, int max) {
            return new Options(bindAddress, port, min, max, table, audioCache, corpus, maxCall);
        }

        public Options withTable(PatternTable t) {
            return new Options(bindAddress, port, rtpPortMin, rtpPortMax, t, audioCache, corpus, maxCall);
        }

        public Options withCorpus(Path c) {
            return new Options(bindAddress, port, rtpPortMin, rtpPortMax, table, audioCache, c, maxCall);
        }

        public Options withMaxCall(Duration d) {
            return new Options(bindAddress, port, rtpPortMin, rtpPortMax, table, audioCache, corpus, d);
        }
    }

    /** Calls taken per behaviour since start, and how they went. */
    public record Counts(Map<Behaviour, Long> offered, long answered, long ended, long keysPressed) {
        public long offered(Behaviour b) {
            return offered.getOrDefault(b, 0L);
        }

        public long offeredTotal() {
            return offered.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Options options;
    private final SipServer sip;
    private final MediaServer media;
    private final DemoAudio audio;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Behaviour, LongAdder> offered = new EnumMap<>(Behaviour.class);
    final LongAdder answered = new LongAdder();
    final LongAdder ended = new LongAdder();
    final LongAdder keysPressed = new LongAdder();

    private DemoCarrier(Options options, SipServer sip, MediaServer media, DemoAudio audio) {
        this.options = options;
        this.sip = sip;
        this.media = media;
        this.audio = audio;
        for (Behaviour b : Behaviour.values()) {
            offered.put(b, new LongAdder());
        }
    }

    /**
     * Renders the voices (cached), then listens.
     *
     * @throws IllegalArgumentException when the bind address is not a loopback address
     */
    public static DemoCarrier start(Options o) {
        requireLoopback(o.bindAddress());
        DemoAudio audio = DemoAudio.prepare(o.audioCache(), o.corpus());
        // INVITEs from the bind address pass the stack's source check as coming from this "trunk" (it is never dialled)
        TrunkConfig callers = new TrunkConfig("dialer", "trunk", o.bindAddress(), 5060, "udp", 100_000, 100_000, "",
                0, null, "", "", "", "", "", false, "none", 0);
        MediaServer media = MediaServer.start(new MediaConfig(o.bindAddress(), o.rtpPortMin(), o.rtpPortMax()));
        SipServer sip;
        try {
            sip = SipServer.start(new SipConfig(o.bindAddress(), o.port(), 0, List.of("udp"), List.of(callers)),
                    AgentDirectory.none(), "demo.invalid");
        } catch (RuntimeException e) {
            media.close();
            throw e;
        }
        DemoCarrier carrier = new DemoCarrier(o, sip, media, audio);
        CallSessions sessions = new CallSessions(sip, media, Clock.systemUTC(), carrier.pool);
        sessions.route("*", session -> {
            PatternTable.Rule rule = o.table().match(session.inbound().map(c -> c.did()).orElse(""));
            carrier.offered.get(rule.behaviour()).increment();
            carrier.pool.execute(new CallScript(carrier, sip, session, rule));
        });
        log.info("demo carrier listening on {}:{} (udp), voices: {}", o.bindAddress(), sip.port(), audio.source());
        return carrier;
    }

    private static void requireLoopback(String address) {
        try {
            if (!InetAddress.getByName(address).isLoopbackAddress()) {
                throw new IllegalArgumentException("the demo carrier binds to loopback only, not " + address);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the demo carrier's address does not resolve: " + address, e);
        }
    }

    /**
     * A trunk for the server that reaches this carrier (group {@code group}), with room for benchmark rates.
     * No keep-alive: the carrier runs in the same process.
     */
    public TrunkConfig trunk(String name, String group) {
        return new TrunkConfig(name, "trunk", options.bindAddress(), sip.port(), "udp", 2000, 1000, "US", 0, null,
                group, "", "", "", "+12015550199", false, "none", 0);
    }

    public int port() {
        return sip.port();
    }

    public PatternTable table() {
        return options.table();
    }

    public DemoAudio audio() {
        return audio;
    }

    Duration maxCall() {
        return options.maxCall();
    }

    public Counts counts() {
        Map<Behaviour, Long> o = new EnumMap<>(Behaviour.class);
        offered.forEach((b, n) -> o.put(b, n.sum()));
        return new Counts(Map.copyOf(o), answered.sum(), ended.sum(), keysPressed.sum());
    }

    /** RTP received and sent by the carrier's legs since start (what the server sent it, and what it played). */
    public MediaStats rtp() {
        return media.totals();
    }

    /** Calls the carrier has not finished yet. */
    public long activeCalls() {
        return counts().offeredTotal() - ended.sum();
    }

    /** Ends every call (BYE/CANCEL/final response), stops the SIP stack and the media engine. */
    @Override
    public void close() {
        try {
            sip.close();
        } finally {
            media.close();
            pool.shutdownNow();
        }
    }
}
