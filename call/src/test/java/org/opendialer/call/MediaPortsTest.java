package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.media.session.MediaServerImpl;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.Q850;
import org.opendialer.sip.Sipp;

/**
 * Calls that never get anywhere give their RTP ports back: no route, busy, cancelled while ringing. After each
 * batch the media engine is where it started (0 legs, every pair free), so churn cannot exhaust the range.
 */
class MediaPortsTest {

    @Test
    void failedAndCancelledSetupsLeaveTheAllocatorAtItsStartingCount() throws Exception {
        try (Sipp busy = Sipp.uas("uas-busy.xml", 10);
             Sipp ringing = Sipp.uas("uas-noanswer.xml", 5);
             Rig rig = Rig.start(Rig.trunk("busy", busy.port, "busy"), Rig.trunk("ringing", ringing.port, "ring"))) {
            MediaServerImpl media = (MediaServerImpl) rig.media;
            int pairs = media.portPairs();
            assertThat(media.freePortPairs()).isEqualTo(pairs);

            List<CallSession> unrouted = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                unrouted.add(rig.sessions.originate(OriginateSpec.toNumber("+1201555" + (1000 + i))
                        .withTrunkGroup("no-such-group")));
            }
            for (CallSession s : unrouted) {
                assertThat(s.ended().get(10, TimeUnit.SECONDS).answered()).isFalse();
            }
            awaitAllPairsFree(media, pairs);

            List<CallSession> busyCalls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                busyCalls.add(rig.sessions.originate(OriginateSpec.toNumber("+1201555" + (2000 + i))
                        .withTrunkGroup("busy")));
            }
            for (CallSession s : busyCalls) {
                assertThat(s.ended().get(10, TimeUnit.SECONDS).disposition()).isEqualTo(Disposition.BUSY);
            }
            awaitAllPairsFree(media, pairs);

            List<CallSession> cancelled = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                cancelled.add(rig.sessions.originate(OriginateSpec.toNumber("+1201555" + (3000 + i))
                        .withTrunkGroup("ring").withRingTimeout(Duration.ofSeconds(30))));
            }
            for (CallSession s : cancelled) {
                s.hangup(Q850.NORMAL_CLEARING);
            }
            for (CallSession s : cancelled) {
                assertThat(s.ended().get(10, TimeUnit.SECONDS).answered()).isFalse();
            }
            awaitAllPairsFree(media, pairs);
        }
    }

    private static void awaitAllPairsFree(MediaServerImpl media, int pairs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (media.activeSessions() != 0 || media.freePortPairs() != pairs) {
            assertThat(System.nanoTime()).as("legs %d, free pairs %d of %d", media.activeSessions(),
                    media.freePortPairs(), pairs).isLessThan(deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
