package org.opendialer.demo;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.opendialer.call.CallSessions;
import org.opendialer.media.MediaConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;

/** Our side of a test: a real SIP stack and media engine on 127.0.0.1 with one trunk to the demo carrier. */
public final class Dialer implements AutoCloseable {

    public final SipServer sip;
    public final MediaServer media;
    public final CallSessions sessions;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    public Dialer(DemoCarrier carrier, int rtpPairs) {
        sip = SipServer.start(new SipConfig("127.0.0.1", 0, 0, List.of("udp"), List.of(carrier.trunk("demo", "demo"))),
                AgentDirectory.none(), "dialer.test");
        int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(4000);
        media = MediaServer.start(new MediaConfig("127.0.0.1", base, base + 2 * rtpPairs - 1));
        sessions = new CallSessions(sip, media, Clock.systemUTC(), pool);
    }

    /** Carrier options for a test: a free SIP port, a random RTP range of its own, audio cached in {@code dir}. */
    public static DemoCarrier.Options carrierOptions(java.nio.file.Path dir, int rtpPairs) {
        int base = 30000 + 2 * ThreadLocalRandom.current().nextInt(4000);
        return DemoCarrier.Options.defaults(dir).withRtpPorts(base, base + 2 * rtpPairs - 1);
    }

    @Override
    public void close() {
        sip.close();
        media.close();
        pool.shutdownNow();
    }
}
