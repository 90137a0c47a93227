package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdResult;
import org.opendialer.sip.Q850;
import org.opendialer.sip.Sipp;

/**
 * A carrier answers and never sends a single RTP packet. AMD is fed by the leg's received frames, which start at
 * the first packet, so a synchronous AMD waited for ever and the call stayed answered with nobody deciding it
 * (seen for minutes on a DTMF-only test carrier). After its whole analysis time without audio AMD hears the line
 * as the silence it is.
 */
class SilentLineAmdTest {

    @Test
    void aLineThatSendsNoAudioAtAllIsNoSpeechAfterTheAnalysisTime() throws Exception {
        try (Sipp carrier = Sipp.uas("carrier-answer-silent.xml", 1, Map.of());
             Rig rig = Rig.start(Rig.trunk("carrier", carrier.port, "main"))) {
            CallSession s = rig.sessions.originate(OriginateSpec.toNumber("+12015550124"), e -> { });
            s.answered().get(10, TimeUnit.SECONDS);
            // analysis time (6 s) of no audio, then the 2.5 s of initial silence heard: 8.5 s after the answer
            AmdEvent.Decision decision = s.startAmd(s.defaultAmdParams()).get(30, TimeUnit.SECONDS);
            assertThat(s.media().stats().packetsIn()).as("precondition: the carrier sent no audio").isZero();
            assertThat(decision.result()).isEqualTo(AmdResult.NO_SPEECH);
            assertThat(decision.evidence().reason()).isEqualTo("INITIAL_SILENCE");
            s.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }
}
