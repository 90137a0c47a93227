package org.opendialer.amd.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdResult;
import org.opendialer.amd.Signals;

/** The baseline follows the documented app_amd rules and defaults. */
class AsteriskStyleAmdTest {

    private static AmdEvent.Decision run(short[] audio) {
        List<AmdEvent> events = new ArrayList<>();
        AsteriskStyleAmd amd = new AsteriskStyleAmd(events::add);
        Signals.feed(audio, amd::onFrame);
        assertThat(events).hasSize(1);
        return (AmdEvent.Decision) events.get(0);
    }

    @Test
    void initialSilenceIsMachineAt2500() {
        AmdEvent.Decision d = run(Signals.create().silence(4000).samples());
        assertThat(d.result()).isEqualTo(AmdResult.MACHINE);
        assertThat(d.evidence().reason()).isEqualTo("INITIALSILENCE");
        assertThat(d.decisionMs()).isEqualTo(2500);
    }

    @Test
    void oneWordThenAfterGreetingSilenceIsHuman() {
        // a steady tone is "voice" to an energy detector: one 400 ms word
        AmdEvent.Decision d = run(Signals.create().silence(500).tone(400, -20, 300).silence(2000).samples());
        assertThat(d.result()).isEqualTo(AmdResult.HUMAN);
        assertThat(d.decisionMs()).isEqualTo(500 + 400 + 800);
    }

    @Test
    void aThirdWordIsMachineByMaxWords() {
        double[] hz = {300};
        AmdEvent.Decision d = run(Signals.create().cadence(3, -20, hz, 200, 100).silence(2000).samples());
        assertThat(d.result()).isEqualTo(AmdResult.MACHINE);
        assertThat(d.evidence().reason()).isEqualTo("MAXWORDS");
        assertThat(d.decisionMs()).isEqualTo(300 + 300 + 100); // third word reaches 100 ms
    }

    @Test
    void longContinuousVoiceIsMachineByLongGreeting() {
        AmdEvent.Decision d = run(Signals.create().tone(3000, -20, 300).samples());
        assertThat(d.evidence().reason()).isEqualTo("LONGGREETING");
        assertThat(d.decisionMs()).isEqualTo(1500);
    }

    @Test
    void quietTalkBelowTheThresholdNeverStartsAGreeting() {
        // mean |sample| below 256 is silence for the baseline: a quiet caller looks like initial silence
        AmdEvent.Decision d = run(Signals.create().tone(4000, -45, 300).samples());
        assertThat(d.evidence().reason()).isEqualTo("INITIALSILENCE");
    }
}
