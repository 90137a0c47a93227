package org.opendialer.amd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link AmdParams#beepWaitMs()}: async AMD holds a person-like answer while it listens for a beep. Virtual time (one
 * frame = 20 ms).
 */
class BeepWaitTest {

    private final List<AmdEvent> events = new ArrayList<>();

    private AmdEvent.Decision run(AmdParams params, short[] audio) {
        AmdDetector d = AmdDetector.create(params, events::add);
        Signals.feed(audio, d::onFrame);
        List<AmdEvent.Decision> decisions = events.stream().filter(AmdEvent.Decision.class::isInstance)
                .map(AmdEvent.Decision.class::cast).toList();
        assertThat(decisions).hasSize(1);
        return decisions.get(0);
    }

    /** A short prompt ("… is unavailable"), a pause, the beep: a person's answer on structure until the beep. */
    private static short[] shortPromptThenBeep(int pauseMs) {
        return Signals.create().silence(300).speech(1200, -24).silence(pauseMs).tone(400, -15, 1000).silence(4000)
                .noise(-60).samples();
    }

    @Test
    void synchronousAmdCallsAShortPromptHumanBeforeItsBeep() {
        AmdEvent.Decision d = run(AmdParams.defaults(), shortPromptThenBeep(1500));
        assertThat(d.result()).isEqualTo(AmdResult.HUMAN);
        assertThat(d.decisionMs()).isLessThan(1500 + 1500); // 800 ms after the prompt, not at the beep
    }

    @Test
    void asyncAmdHearsTheBeepAfterAShortPrompt() {
        AmdEvent.Decision d = run(AmdParams.defaults().forAsync(), shortPromptThenBeep(1500));
        assertThat(d.result()).isEqualTo(AmdResult.MACHINE);
        assertThat(d.evidence().reason()).isEqualTo("BEEP");
        assertThat(d.decisionMs()).isBetween(3400L, 3600L); // the beep ends at 3400 ms
    }

    @Test
    void aGreetingThatGoesOnRestartsTheWait() {
        // "Hi, this is Jane." pause "Please leave a message." beep: the second sentence keeps the wait open
        short[] audio = Signals.create().silence(300).speech(900, -24).silence(1200).speech(1400, -24).silence(2500)
                .tone(300, -15, 850).silence(4000).noise(-60).samples();
        AmdEvent.Decision d = run(AmdParams.defaults().forAsync(), audio);
        assertThat(d.result()).isEqualTo(AmdResult.MACHINE);
        assertThat(d.evidence().reason()).isEqualTo("BEEP");
    }

    @Test
    void aPersonStaysAPersonAndIsDecidedOnceTheLineWasQuietForTheWait() {
        short[] audio = Signals.create().silence(400).speech(600, -24).silence(6000).noise(-60).samples();
        AmdEvent.Decision d = run(AmdParams.defaults().forAsync(), audio);
        assertThat(d.result()).isEqualTo(AmdResult.HUMAN);
        assertThat(d.evidence().reason()).isEqualTo("AFTER_GREETING_SILENCE");
        // greeting ends at 1000 ms, 800 ms of silence make it a person's, then 3000 ms without a beep
        assertThat(d.decisionMs()).isBetween(4700L, 4950L);
        assertThat(d.evidence().silenceAfterGreetingMs()).isBetween(3800L, 3950L);
    }

    @Test
    void aPersonWhoTalksOnIsNeverTakenForAMachineWhileTheAnswerIsHeld() {
        // "Hello?" ... then talking over our message for longer than any greeting limit
        short[] audio = Signals.create().silence(400).speech(600, -24).silence(1200).speech(4000, -22)
                .silence(500).speech(2000, -22).silence(5000).noise(-60).samples();
        AmdParams p = AmdParams.defaults().forAsync();
        AmdEvent.Decision d = run(p, audio);
        assertThat(d.result()).isEqualTo(AmdResult.HUMAN);
        assertThat(d.decisionMs()).isLessThanOrEqualTo(p.maxDecisionMs());
    }

    @Test
    void forAsyncKeepsAWaitTheCampaignChose() {
        AmdParams own = AmdParams.defaults().withOverrides(Map.of("beepWaitMs", 5000));
        assertThat(own.forAsync().beepWaitMs()).isEqualTo(5000);
        assertThat(AmdParams.defaults().beepWaitMs()).isZero();
        assertThat(AmdParams.defaults().forAsync().maxDecisionMs())
                .isEqualTo(AmdParams.defaults().totalAnalysisMs() + AmdParams.ASYNC_BEEP_WAIT_MS);
        assertThatThrownBy(() -> AmdParams.defaults().withOverrides(Map.of("beepWaitMs", -1)))
                .hasMessageContaining("beepWaitMs");
    }
}
