package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdResult;

/**
 * A person says "Hello?" at once (SIPp: 0.3 s of silence, the word, 4 s of silence) and the flow starts AMD only
 * after the word has arrived, as a loaded node does (the answer's event, the call's store and AMD's creation come
 * before AMD's tap; CallsScenarioTest#pressingNineStopsFurtherCalls saw AMD's first frame 520 ms after the line's
 * first, past the word: NO_SPEECH on a line that delivered every packet). AMD must hear the line from the answer,
 * not from when the flow got round to starting it. The delay here is made by waiting for packets
 * (counted as they arrive), not for time.
 */
class LateAmdStartTest {

    /** 1.2 s of audio: the lead-in and the whole word ("Hello?" ends about 0.8 s in). */
    private static final int PACKETS_BEFORE_AMD = 60;

    @Test
    void aGreetingThatArrivedBeforeAmdStartedIsStillHeard(@TempDir Path dir) throws Exception {
        try (HelloCall call = HelloCall.answered(dir, "+12015550125")) {
            CallSession s = call.session();
            CountDownLatch arrived = new CountDownLatch(PACKETS_BEFORE_AMD);
            s.media().addPacketTap((pcm, samples, rtpTimestamp, marker) -> arrived.countDown());
            assertThat(arrived.await(10, TimeUnit.SECONDS)).as("precondition: the word arrived before AMD started")
                    .isTrue();
            AmdEvent.Decision decision = s.startAmd(s.defaultAmdParams()).get(20, TimeUnit.SECONDS);
            assertThat(decision.result()).as(decision.toString()).isEqualTo(AmdResult.HUMAN);
            call.hangUp();
        }
    }
}
