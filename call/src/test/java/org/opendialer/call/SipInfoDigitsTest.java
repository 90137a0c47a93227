package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.DtmfSource;
import org.opendialer.media.Playable;
import org.opendialer.sip.Q850;
import org.opendialer.sip.Sipp;

/** A carrier that sends keys only as SIP INFO: a prompt's digit collection gets them like any other digits. */
class SipInfoDigitsTest {

    @Test
    void sipInfoDigitsInterruptThePromptAndAreCollectedUpToTheTerminator() throws Exception {
        try (Sipp carrier = Sipp.uas("carrier-info-dtmf.xml", 1);
             Rig rig = Rig.start(Rig.trunk("carrier", carrier.port, "main"))) {
            Recorder events = new Recorder();
            CallSession s = rig.sessions.originate(OriginateSpec.toNumber("+12015550123"), events);
            s.answered().get(10, TimeUnit.SECONDS);
            String digits = s.playAndCollect(Playable.Tone.single(440, Duration.ofSeconds(20)),
                    new CollectOptions(4, '#', Duration.ofSeconds(10), Duration.ofSeconds(5)))
                    .get(15, TimeUnit.SECONDS);
            assertThat(digits).isEqualTo("42");
            List<SessionEvent.Digit> keys = events.all().stream().filter(SessionEvent.Digit.class::isInstance)
                    .map(SessionEvent.Digit.class::cast).toList();
            assertThat(keys).extracting(SessionEvent.Digit::digit).containsExactly('4', '2', '#');
            assertThat(keys).allSatisfy(d -> {
                assertThat(d.source()).isEqualTo(DtmfSource.SIP_INFO);
                assertThat(d.durationMs()).isEqualTo(160);
            });
            s.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }
}
