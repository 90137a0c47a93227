package org.opendialer.campaign.runner;

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
import org.opendialer.sip.Sipp;
import org.opendialer.sip.TrunkConfig;

/** One node's call handling: a real SIP stack and media engine on 127.0.0.1 and its one {@link CallSessions}. */
final class Rig implements AutoCloseable {

    final SipServer sip;
    final MediaServer media;
    final CallSessions sessions;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    Rig(TrunkConfig... trunks) {
        sip = SipServer.start(new SipConfig("127.0.0.1", Sipp.freeUdpPort(), 5061, List.of("udp"), List.of(trunks)),
                AgentDirectory.none(), "dialer.test");
        int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(4000);
        media = MediaServer.start(new MediaConfig("127.0.0.1", base, base + 2 * 40 - 1));
        sessions = new CallSessions(sip, media, Clock.systemUTC(), pool);
    }

    /** A UDP trunk of group {@code group} to a SIPp carrier on 127.0.0.1:{@code port}. */
    static TrunkConfig trunk(String name, int port, String group) {
        return new TrunkConfig(name, "trunk", "127.0.0.1", port, "udp", 20, 50, "US", 0, null, group, "", "", "",
                "+15550001111", true, "none", 0);
    }

    @Override
    public void close() {
        sip.close();
        media.close();
        pool.shutdownNow();
    }
}
