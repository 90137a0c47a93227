package org.opendialer.amd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.amd.progress.SitCode;

/** The detector on synthesised calls, in virtual time (one frame = 20 ms, no clock). */
class AmdDetectorTest {

    private final List<AmdEvent> events = new ArrayList<>();

    private AmdDetector run(AmdParams params, short[] audio) {
        AmdDetector d = AmdDetector.create(params, events::add);
        Signals.feed(audio, d::onFrame);
        return d;
    }

    private AmdEvent.Decision decision() {
        return events.stream().filter(AmdEvent.Decision.class::isInstance).map(AmdEvent.Decision.class::cast)
                .reduce((a, b) -> {
                    throw new AssertionError("more than one decision: " + events);
                }).orElseThrow(() -> new AssertionError("no decision: " + events));
    }

    private List<AmdEvent.MachineEnd> machineEnds() {
        return events.stream().filter(AmdEvent.MachineEnd.class::isInstance).map(AmdEvent.MachineEnd.class::cast)
                .toList();
    }

    @Test
    void shortGreetingThenSilenceIsHumanRightAfterTheAfterGreetingSilence() {
        short[] audio = Signals.create().silence(400).speech(600, -24).silence(3000).noise(-60).samples();

        run(AmdParams.defaults(), audio);

        AmdEvent.Decision d = decision();
        assertThat(d.result()).isEqualTo(AmdResult.HUMAN);
        // greeting ends at 1000 ms; 800 ms of silence later, within a frame or two of the word-gap hangover
        assertThat(d.decisionMs()).isBetween(1780L, 1900L);
        assertThat(d.confidence()).isBetween(0.5, 1.0);
        AmdEvidence e = d.evidence();
        assertThat(e.initialSilenceMs()).isBetween(340L, 460L);
        assertThat(e.greetingMs()).isBetween(400L, 620L);
        assertThat(e.utterances()).isBetween(1, 3);
        assertThat(e.silenceAfterGreetingMs()).isGreaterThanOrEqualTo(800L);
        assertThat(e.noiseFloorDbfs()).isLessThan(-55);
        assertThat(e.reason()).isEqualTo("AFTER_GREETING_SILENCE");
    }

    @Test
    void helloPauseHelloIsDecidedAtTheFirstPause() {
        short[] audio = Signals.create().silence(300).speech(500, -22).silence(1500).speech(500, -22)
                .silence(2000).samples();
        run(AmdParams.defaults(), audio);
        assertThat(decision().result()).isEqualTo(AmdResult.HUMAN);
        assertThat(decision().decisionMs()).isLessThan(1800L);
    }

    @Test
    void longGreetingIsMachineThenTheBeepEndsIt() {
        // words of 0.6-0.8 s with 250 ms pauses: never a second of unbroken speech, but more than greetingMs of voice
        Signals s = Signals.create().silence(200);
        for (int i = 0; i < 5; i++) {
            s.speech(i % 2 == 0 ? 800 : 600, -20).silence(250);
        }
        int beepStart = s.lengthMs() + 250;
        short[] audio = s.silence(250).tone(400, -12, 1000).silence(2000).samples();

        AmdDetector d = run(AmdParams.defaults(), audio);

        AmdEvent.Decision decision = decision();
        assertThat(decision.result()).isEqualTo(AmdResult.MACHINE);
        assertThat(decision.evidence().reason()).isEqualTo("LONG_GREETING");
        assertThat(decision.evidence().longestUtteranceMs()).isLessThan(1000L);
        assertThat(decision.decisionMs()).isLessThan(beepStart);
        assertThat(machineEnds()).singleElement().satisfies(end -> {
            assertThat(end.kind()).isEqualTo(MachineEndKind.MACHINE_END_BEEP);
            assertThat(end.beepHz()).isCloseTo(1000, offset(5.0));
            assertThat(end.atMs()).isBetween(beepStart + 400L, beepStart + 460L); // the beep lasts 400 ms
        });
        assertThat(d.isDone()).isTrue();
    }

    @Test
    void aBeepNextToATableToneFrequencyStillEndsTheGreeting() {
        // 440 Hz lights the EU 425 Hz probe (50 Hz bins), but it is 3.5 % away from 425 Hz: a beep, not ringback
        Signals s = Signals.create().silence(200);
        for (int i = 0; i < 5; i++) {
            s.speech(700, -20).silence(250);
        }
        int beepStart = s.lengthMs() + 250;
        run(AmdParams.defaults(), s.silence(250).tone(500, -12, 440).silence(3500).samples());

        assertThat(decision().result()).isEqualTo(AmdResult.MACHINE);
        assertThat(machineEnds()).singleElement().satisfies(end -> {
            assertThat(end.kind()).isEqualTo(MachineEndKind.MACHINE_END_BEEP);
            assertThat(end.beepHz()).isCloseTo(440, offset(5.0));
            assertThat(end.atMs()).isBetween(beepStart + 500L, beepStart + 560L);
        });
    }

    @Test
    void aFluentAnswerOfUpToTwoSecondsIsHumanUnlessTheCampaignIsAggressive() {
        // "Hello, this is Mike speaking": about 5 syllables a second with no pause, then the person waits
        for (int ms : new int[] {1100, 2000}) {
            events.clear();
            short[] audio = Signals.create().silence(300).speech(ms, -22).silence(3000).noise(-60).samples();
            run(AmdParams.defaults(), audio);
            assertThat(decision().result()).as(ms + " ms").isEqualTo(AmdResult.HUMAN);
        }
        events.clear();
        short[] audio = Signals.create().silence(300).speech(1100, -22).silence(3000).noise(-60).samples();
        run(AmdParams.of(Sensitivity.AGGRESSIVE), audio);
        assertThat(decision().result()).isEqualTo(AmdResult.MACHINE);
        assertThat(decision().evidence().reason()).isEqualTo("CONTINUOUS_SPEECH");
    }

    @Test
    void aPersonWhoAsksAgainAfterAShortPauseIsStillAPerson() {
        // "Hello? ... Hello, who is this?": 2.3 s of turn with a 600 ms pause, then waits
        short[] audio = Signals.create().silence(300).speech(500, -22).silence(600).speech(1200, -22)
                .silence(3000).noise(-60).samples();
        run(AmdParams.defaults(), audio);
        assertThat(decision().result()).isEqualTo(AmdResult.HUMAN);

        // "Hello? Hello? Hello? Hello? Hello?" into silence, 700 or 450 ms apart: a turn of over 4 s with no reply
        // gap in it. A rule on the turn's length (tried: more than greetingMs plus two reply gaps) took these people
        // for machines; the speech in them stays under greetingMs, so they are people.
        for (int[] helloGap : new int[][] {{400, 700}, {450, 450}}) {
            events.clear();
            Signals s = Signals.create().silence(300);
            for (int i = 0; i < 5; i++) {
                s.speech(helloGap[0], -22).silence(helloGap[1]);
            }
            run(AmdParams.defaults(), s.silence(3000).noise(-60).samples());
            assertThat(decision().result()).as(helloGap[0] + "/" + helloGap[1] + " ms").isEqualTo(AmdResult.HUMAN);
            assertThat(decision().evidence().utterances()).isEqualTo(5);
        }
    }

    @Test
    void aReadSentenceLongerThanAnyFirstTurnIsMachine() {
        short[] audio = Signals.create().silence(300).speech(3000, -22).silence(3000).noise(-60).samples();
        run(AmdParams.defaults(), audio);
        assertThat(decision().result()).isEqualTo(AmdResult.MACHINE);
        assertThat(decision().decisionMs()).isBetween(2600L, 2800L); // 2.4 s into the sentence
    }

    @Test
    void aDrawnOutSingleWordIsNotRunningSpeech() {
        // "Hellooo?": 1.1 s of voice in one slow swell without syllable dips, then silence
        short[] audio = Signals.create().silence(300).swell(1100, -22).silence(3000).noise(-60).samples();
        run(AmdParams.defaults(), audio);
        assertThat(decision().result()).isEqualTo(AmdResult.HUMAN);
        assertThat(decision().evidence().longestUtteranceMs()).isGreaterThanOrEqualTo(1000L);
    }

    @Test
    void machineWithoutBeepEndsInSilence() {
        short[] audio = Signals.create().speech(3000, -20).silence(4000).samples();
        run(AmdParams.defaults(), audio);
        assertThat(decision().result()).isEqualTo(AmdResult.MACHINE);
        assertThat(machineEnds()).singleElement().satisfies(end -> {
            assertThat(end.kind()).isEqualTo(MachineEndKind.MACHINE_END_SILENCE);
            assertThat(end.atMs()).isBetween(5900L, 6100L); // speech fades out just before 3000 ms
        });
    }

    @Test
    void endlessTalkEndsAsOtherAtTheLimit() {
        AmdParams p = AmdParams.defaults().withOverrides(Map.of("machineEndMaxMs", 8000));
        run(p, Signals.create().speech(10000, -20).samples());
        assertThat(machineEnds()).extracting(AmdEvent.MachineEnd::kind)
                .containsExactly(MachineEndKind.MACHINE_END_OTHER);
        assertThat(machineEnds().get(0).atMs()).isEqualTo(8000);
    }

    @Test
    void withoutAwaitingTheEndTheDetectorIsDoneAtTheDecision() {
        AmdParams p = AmdParams.defaults().withOverrides(Map.of("awaitMachineEnd", false));
        AmdDetector d = run(p, Signals.create().speech(3000, -20).silence(500).tone(400, -12, 1000).samples());
        assertThat(d.isDone()).isTrue();
        assertThat(machineEnds()).isEmpty();
    }

    @Test
    void aBeepAloneIsAMachine() {
        run(AmdParams.defaults(), Signals.create().silence(300).tone(500, -15, 850).silence(3000).samples());
        assertThat(decision().result()).isEqualTo(AmdResult.MACHINE);
        assertThat(decision().evidence().reason()).isEqualTo("BEEP");
        assertThat(machineEnds()).singleElement().satisfies(e -> assertThat(e.beepHz()).isCloseTo(850, offset(5.0)));
    }

    @Test
    void silenceIsNoSpeechAtTheInitialSilenceLimit() {
        run(AmdParams.defaults(), Signals.create().silence(6000).noise(-65).samples());
        assertThat(decision().result()).isEqualTo(AmdResult.NO_SPEECH);
        assertThat(decision().decisionMs()).isEqualTo(2500);
    }

    @Test
    void aQuietShortAnswerIsNeverNoSpeech() {
        // -35 dBFS "Yes?" over -60 dBFS line noise
        run(AmdParams.defaults(), Signals.create().silence(500).speech(300, -35).silence(4000).noise(-60).samples());
        assertThat(decision().result()).isEqualTo(AmdResult.HUMAN);
    }

    @Test
    void soundTooShortForAWordIsUnknownNotNoSpeech() {
        // 60 ms of voice: something was said, too little to call; a person gets the benefit of the doubt
        run(AmdParams.defaults(), Signals.create().silence(600).speech(60, -25).silence(6000).noise(-65).samples());
        assertThat(decision().result()).isEqualTo(AmdResult.UNKNOWN);
        assertThat(decision().evidence().reason()).isEqualTo("SOUND_WITHOUT_WORDS");
        assertThat(decision().decisionMs()).isEqualTo(2500); // at the initial-silence limit, not the analysis limit
    }

    @Test
    void aLineTooNoisyToHearQuietSpeechOnIsUnknownNotNoSpeech() {
        run(AmdParams.defaults(), Signals.create().silence(6000).noise(-30).samples());
        assertThat(decision().result()).isEqualTo(AmdResult.UNKNOWN);
        assertThat(decision().evidence().reason()).isEqualTo("NOISY_LINE");
    }

    @Test
    void aLoudSteadyLineIsNotSpeech() {
        // -20 dBFS of line noise from the first frame: louder than the floor's starting ceiling allows for
        run(AmdParams.defaults(), Signals.create().silence(7000).noise(-20).samples());
        assertThat(decision().result()).isEqualTo(AmdResult.UNKNOWN);
        assertThat(decision().evidence().reason()).isEqualTo("NOISY_LINE");
    }

    @Test
    void lostPacketsOnAQuietLineAreNeitherSpeechNorTheNoiseFloor() {
        // 10 % of the packets lost and filled with zeros on a -55 dBFS line: still silence
        run(AmdParams.defaults(), Signals.create().silence(6000).noise(-55).loseFrames(0.1).samples());
        assertThat(decision().result()).isEqualTo(AmdResult.NO_SPEECH);
    }

    @Test
    void aLowVoiceWhoseVowelIsOneHarmonicIsStillSpeech() {
        // band-limited male vowel: 140 ms with 90 % of its power at 400 Hz between two short consonants
        short[] audio = Signals.create().silence(500).speech(40, -30).tone(140, -24, 400).speech(40, -30)
                .silence(4000).noise(-70).samples();
        run(AmdParams.defaults(), audio);
        assertThat(decision().result()).isEqualTo(AmdResult.HUMAN);
    }

    @Test
    void sitAfterAnswerDecidesSitWithItsCode() {
        short[] audio = Signals.create().tone(274, -20, 913.8).tone(274, -20, 1370.6).tone(380, -20, 1776.7)
                .silence(200).speech(3000, -20).samples();
        run(AmdParams.defaults(), audio);
        assertThat(decision().result()).isEqualTo(AmdResult.SIT);
        assertThat(events).filteredOn(AmdEvent.Tone.class::isInstance).map(AmdEvent.Tone.class::cast)
                .extracting(AmdEvent.Tone::sitCode).containsExactly(SitCode.IC);
    }

    @Test
    void faxCngIsFaxNotABeep() {
        run(AmdParams.defaults(), Signals.create().cadence(2, -20, new double[] {1100}, 500, 3000).samples());
        assertThat(decision().result()).isEqualTo(AmdResult.FAX);
        assertThat(decision().evidence().tone()).isEqualTo(CallProgressTone.FAX_CNG);
    }

    @Test
    void busyAfterAnswerIsUnknownWithTheToneAsEvidence() {
        run(AmdParams.defaults(), Signals.create().cadence(4, -20, new double[] {480, 620}, 500, 500).samples());
        assertThat(decision().result()).isEqualTo(AmdResult.UNKNOWN);
        assertThat(decision().evidence().tone()).isEqualTo(CallProgressTone.BUSY);
    }

    @Test
    void perCampaignOverridesChangeTheDecision() {
        short[] audio = Signals.create().speech(1000, -20).silence(3000).samples();
        run(AmdParams.defaults(), audio);
        assertThat(decision().result()).isEqualTo(AmdResult.HUMAN);
        events.clear();
        run(AmdParams.defaults().withOverrides(Map.of("greetingMs", 600)), audio);
        assertThat(decision().result()).isEqualTo(AmdResult.MACHINE);
    }

    @Test
    void framesOfTheWrongSizeAreRejected() {
        AmdDetector d = AmdDetector.create(AmdParams.defaults(), events::add);
        assertThatThrownBy(() -> d.onFrame(new short[80])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("160");
    }

    @Test
    void steadyStateAllocatesNothingPerFrame() {
        // Keep every stage busy and undecided: long limits, speech and tones through CPA, word and beep tracking.
        AmdParams p = AmdParams.defaults().withOverrides(Map.of("initialSilenceMs", 3_600_000,
                "totalAnalysisMs", 3_600_000, "greetingMs", 3_600_000, "maxWords", 1_000_000,
                "afterGreetingSilenceMs", 3_600_000, "maxContinuousSpeechMs", 3_600_000));
        short[] audio = Signals.create().speech(2000, -20).tone(300, -20, 350, 440).silence(200).noise(-50).samples();
        AmdDetector d = AmdDetector.create(p, events::add);
        short[] frame = new short[160];
        int frames = audio.length / 160;
        for (int warm = 0; warm < 20_000; warm++) {
            System.arraycopy(audio, (warm % frames) * 160, frame, 0, 160);
            d.onFrame(frame);
        }
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            System.arraycopy(audio, (i % frames) * 160, frame, 0, 160);
            d.onFrame(frame);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(events).filteredOn(AmdEvent.Decision.class::isInstance).isEmpty();
        assertThat(allocated).as("bytes allocated over 10,000 frames").isLessThan(10_000);
    }
}
