package org.opendialer.media.session;

import org.junit.jupiter.api.Test;
import org.opendialer.media.MediaSession;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.Playable;
import org.opendialer.media.SdpException;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every RTP/RTCP pair a leg takes comes back when the leg ends, on every path: calls that ran, setups that failed
 * on SDP, legs closed before a tick or twice, and pairs another process holds. Churn through a range many times
 * its size ends with the allocator where it started.
 */
class PortReleaseTest {

    private static final int PAIRS = 6;

    @Test
    void churnThroughEveryEndingLeavesTheAllocatorAtItsStartingCount() throws Exception {
        try (Loopback net = new Loopback(PAIRS)) { // with spare pairs: other processes may hold some of the range
            MediaServerImpl server = (MediaServerImpl) net.server;
            int start = server.portPairs();
            assertThat(server.freePortPairs()).isEqualTo(start);
            for (int round = 0; round < 10; round++) {
                List<MediaSession> legs = new ArrayList<>();
                MediaSession a = net.leg("call-a-" + round);
                MediaSession b = net.leg("call-b-" + round);
                Loopback.connect(a, b);
                a.play(Playable.Tone.single(1000, Duration.ofMillis(60)), PlayOptions.DEFAULT);
                legs.add(a);
                legs.add(b);
                MediaSession badOffer = net.leg("bad-sdp-" + round);
                assertThatThrownBy(() -> badOffer.answer("v=0\r\nnot sdp\r\n")).isInstanceOf(SdpException.class);
                legs.add(badOffer);
                MediaSession neverUsed = net.leg("never-used-" + round);
                legs.add(neverUsed);
                MediaSession twice = net.leg("closed-twice-" + round);
                legs.add(twice);
                twice.close();
                net.run(5);
                for (MediaSession s : legs) {
                    s.close();
                }
                Loopback.await(() -> server.activeSessions() == 0 && server.freePortPairs() == start,
                        "every pair back after round");
            }
        }
    }

    @Test
    void pairsHeldByAnotherProcessAreSkippedAndNamedWhenTheRangeRunsOut() throws Exception {
        try (Loopback net = new Loopback(PAIRS, false)) {
            MediaServerImpl server = (MediaServerImpl) net.server;
            // take the range's first leg's pair, close it, then hold that pair's RTCP port as "another process"
            MediaSession probe = net.leg("probe");
            int held = probe.localRtpPort();
            probe.close();
            Loopback.await(() -> server.activeSessions() == 0, "probe released");
            try (DatagramSocket other = new DatagramSocket(held + 1, InetAddress.getLoopbackAddress())) {
                List<MediaSession> legs = new ArrayList<>();
                IllegalStateException full = null;
                for (int i = 0; i < PAIRS && full == null; i++) {
                    try {
                        legs.add(net.leg("leg-" + i));
                    } catch (IllegalStateException e) {
                        full = e;
                    }
                }
                // PAIRS - 1 unless yet another process holds part of this small range too
                assertThat(legs).hasSizeLessThanOrEqualTo(PAIRS - 1)
                        .extracting(MediaSession::localRtpPort).doesNotContain(held);
                assertThat(full).isNotNull().hasMessageContaining(legs.size() + " legs active")
                        .hasMessageContaining(PAIRS - legs.size() + " free but held by another process");
                assertThat(server.refusedPortBinds()).isPositive();
                for (MediaSession s : legs) {
                    s.close();
                }
                Loopback.await(() -> server.activeSessions() == 0 && server.freePortPairs() == PAIRS,
                        "every pair back, the held one included");
            }
            MediaSession again = null;
            for (int i = 0; i < PAIRS; i++) { // the held pair is usable again once the other socket is gone
                MediaSession s = net.leg("after-" + i);
                again = s.localRtpPort() == held ? s : again;
            }
            assertThat(again).isNotNull();
        }
    }
}
