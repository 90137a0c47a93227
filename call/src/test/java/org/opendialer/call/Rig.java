package org.opendialer.call;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.opendialer.media.MediaConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.Sipp;
import org.opendialer.sip.TrunkConfig;

/**
 * One server's worth of call handling for a test: a real SIP stack and media engine on 127.0.0.1 (real time, as
 * SIPp and RTP run in it) and the {@link CallSessions} over them, stamping events with a fixed clock.
 */
final class Rig implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-12-02T04:00:00Z");

    final SipServer sip;
    final MediaServer media;
    final CallSessions sessions;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    private Rig(TrunkConfig... trunks) {
        sip = SipServer.start(new SipConfig("127.0.0.1", Sipp.freeUdpPort(), 5061, List.of("udp"), List.of(trunks)),
                AgentDirectory.none(), "dialer.test");
        int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(4000);
        media = MediaServer.start(new MediaConfig("127.0.0.1", base, base + 2 * 40 - 1));
        sessions = new CallSessions(sip, media, Clock.fixed(T0, ZoneOffset.UTC), pool);
    }

    static Rig start(TrunkConfig... trunks) {
        return new Rig(trunks);
    }

    /** A UDP trunk to 127.0.0.1:{@code port}; calls from 127.0.0.1 are taken as coming from it. */
    static TrunkConfig trunk(String name, int port, String group) {
        return new TrunkConfig(name, "trunk", "127.0.0.1", port, "udp", 10, 50, "US", 0, null, group, "", "", "",
                "+15550001111", true, "none", 0);
    }

    @Override
    public void close() {
        sip.close();
        media.close();
        pool.shutdownNow();
    }
}
