package org.opendialer.amd.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.BenchCorpus;
import org.opendialer.amd.Sensitivity;
import org.opendialer.amd.Signals;

/**
 * The decision bench as a test: our detector and the app_amd-style baseline over the real corpus
 * ({@code ../shared/corpus}: {@code labels.csv} and the real human answers of {@code labels-fsdd.csv}, or the
 * {@code amd.realCorpus} system property), the corpus that {@code corpus/generate.sh} makes into
 * {@code target/generated-corpus} and the real prompts in four more languages of {@code corpus/prompts.sh}. Fails,
 * never skips, when the generator's tools, the prompt packages or the real corpus are missing.
 *
 * <p>The bars are cost-sensitive, as the detector is: no person taken for a machine or for silence, every person
 * treated as a person (HUMAN or UNKNOWN). Machine recall is traded for that: isolated studio prompt fragments of
 * 1-2 s followed by silence are, on structure alone, a person's answer and are called HUMAN, so the machine bars
 * are lower than before the fsdd material came in (see amd/corpus/README.md).
 */
class AmdBenchTest {

    private static AmdEval.Result result;
    private static PresetBench presets;
    private static Corpus.Loaded corpus;

    @BeforeAll
    static void runBench() throws Exception {
        Path real = BenchCorpus.real();
        Path generated = BenchCorpus.generated();
        corpus = Corpus.load(List.of(real.resolve("labels.csv").toFile(),
                real.resolve("labels-fsdd.csv").toFile(), generated.resolve("labels.csv").toFile(),
                BenchCorpus.prompts().resolve("labels.csv").toFile()));
        result = AmdEval.evaluate(corpus, Sensitivity.BALANCED);
        presets = new PresetBench(corpus.samples());
    }

    @Test
    void oursKeepsEveryPersonSafe() {
        Tally ours = result.ours();
        assertThat(ours.files()).as("real, fsdd, prompts, generated with the hard-line languages")
                .isGreaterThanOrEqualTo(258);
        assertThat(ours.humanAsMachine()).as(ours.summaryLine()).isLessThanOrEqualTo(0.02);
        assertThat(ours.humansAsNoSpeech()).as("people called NO_SPEECH").isZero();
        assertThat(ours.humansTreatedAsPerson()).as("people as HUMAN or UNKNOWN").isGreaterThanOrEqualTo(0.98);
        assertThat(ours.humanDelayPercentileMs(0.5)).as("p50 greeting end -> HUMAN").isLessThanOrEqualTo(1000);
    }

    @Test
    void oursStillFindsMostMachines() {
        Tally ours = result.ours();
        assertThat(ours.accuracy()).as(ours.summaryLine()).isGreaterThanOrEqualTo(0.85);
        assertThat(ours.machinePrecision()).as("MACHINE answers that were machines").isGreaterThanOrEqualTo(0.98);
        Tally generated = presets.tally(Sensitivity.BALANCED, s -> s.part().startsWith("generated:"));
        assertThat(generated.machineRecall()).as("generated greetings, every language").isGreaterThanOrEqualTo(0.85);
        Tally real = presets.tally(Sensitivity.BALANCED, s -> s.part().equals("real:machine"));
        assertThat(real.machineRecall()).as("real prompts and greetings").isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void oursBeatsTheBaselineOnRealAndGeneratedByTheCostOfItsErrors() {
        for (String part : List.of("real:", "generated:")) {
            Tally ours = presets.tally(Sensitivity.BALANCED, s -> s.part().startsWith(part));
            Tally base = presets.tally(null, s -> s.part().startsWith(part));
            assertThat(PresetBench.cost(ours))
                    .as(part + " ours " + ours.summaryLine() + " baseline " + base.summaryLine())
                    .isLessThan(PresetBench.cost(base));
            assertThat(ours.accuracy()).as(part).isGreaterThan(base.accuracy());
        }
        for (Map.Entry<String, int[]> e : result.ours().parts().entrySet()) {
            if (!e.getKey().endsWith(":machine")) { // on machines alone the baseline pays with people for recall
                int[] b = result.baseline().parts().get(e.getKey());
                assertThat(e.getValue()[0]).as(e.getKey()).isGreaterThanOrEqualTo(b[0]);
            }
        }
    }

    @Test
    void realPeopleStayPeopleThroughALawLostPacketsAndLevelChanges() {
        // every real answer again: A-law instead of mu-law, 5 % of the packets lost, 10 dB louder or quieter. Never
        // a machine; never silence, except on the files where even the original line holds no word (40-60 ms of
        // sound or none over a -30 dBFS line), which the bench answers UNKNOWN.
        java.util.Set<String> wordless = new java.util.HashSet<>();
        for (JsonNode f : result.perFile()) {
            if (List.of("SOUND_WITHOUT_WORDS", "NOISY_LINE").contains(f.get("ours_reason").asText())) {
                wordless.add(f.get("path").asText());
            }
        }
        assertThat(wordless).hasSizeLessThanOrEqualTo(7);
        List<String> wrong = new java.util.ArrayList<>();
        int n = 0;
        for (Corpus.Sample s : corpus.samples()) {
            if (!s.part().equals("real:human")) {
                continue;
            }
            for (double gain : new double[] {-10, 10}) {
                short[] audio = Signals.of(s.audio(), n++).gain(gain).g711(true).loseFrames(0.05).samples();
                BenchRunner.Capture c = new BenchRunner.Capture();
                String got = BenchRunner.run(AmdDetector.create(AmdParams.defaults(), c), c, audio).predicted();
                if ("MACHINE".equals(got) || "NO_SPEECH".equals(got) && !wordless.contains(s.path())) {
                    wrong.add(s.path() + " " + gain + " dB: " + got);
                }
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(140);
        assertThat(wrong).isEmpty();
    }

    @Test
    void thePresetsTraceACurveFromSafeToQuick() {
        Tally c = presets.tally(Sensitivity.CONSERVATIVE, s -> true);
        Tally b = presets.tally(Sensitivity.BALANCED, s -> true);
        Tally a = presets.tally(Sensitivity.AGGRESSIVE, s -> true);
        assertThat(c.machineRecall()).isLessThanOrEqualTo(b.machineRecall());
        assertThat(b.machineRecall()).isLessThan(a.machineRecall());
        assertThat(c.humanAsMachine()).isLessThanOrEqualTo(b.humanAsMachine());
        assertThat(b.humanAsMachine()).isLessThanOrEqualTo(a.humanAsMachine());
    }

    @Test
    void leaveOneSourceOutTakesNoPersonForAMachineOnAnyHeldOutSource() {
        List<PresetBench.Fold> folds = presets.leaveOneSourceOut();
        assertThat(folds).extracting(PresetBench.Fold::source).contains("wehup/asterisk-sounds",
                "Jakobovski/free-spoken-digit-dataset/theo", "generated/ko", "generated/ar", "generated/tones");
        for (PresetBench.Fold f : folds) {
            assertThat(f.ours().humansAsMachineCount()).as(f.source()).isZero();
            assertThat(f.ours().humansAsNoSpeech()).as(f.source()).isZero();
        }
    }

    @Test
    void everyGeneratedToneIsRecognisedWithItsSitCode() {
        for (JsonNode f : result.perFile()) {
            if (f.get("part").asText().endsWith(":tones")) {
                assertThat(f.get("ours").asText()).as(f.get("path").asText()).isEqualTo(f.get("expected").asText());
            }
        }
    }

    @Test
    void realVoicemailGreetingsEndWithTheirBeep() throws IOException {
        int seen = 0;
        for (JsonNode f : result.perFile()) {
            if (f.get("path").asText().contains("composite_vm_greeting")) {
                seen++;
                assertThat(f.path("ours_machine_end").asText()).as(f.get("path").asText())
                        .isEqualTo("MACHINE_END_BEEP");
                // the beep is the last thing in the file: the end is reported within 200 ms of the file's end
                File wav = BenchCorpus.real().resolve(f.get("path").asText()).toFile();
                long fileMs = WavReader.read(wav).length / 8;
                assertThat(f.get("ours_machine_end_ms").asLong()).isBetween(fileMs - 500, fileMs + 200);
                assertThat(f.get("ours_beep_hz").asInt()).isBetween(400, 3400);
            }
        }
        assertThat(seen).isEqualTo(2);
    }

    @Test
    void realGreetingsInFourMoreVoicesAreMachinesThatEndWithTheirBeep() throws Exception {
        // fr-CA, es-MX, it-IT and ru-RU voicemail greetings ("the person at extension ... leave a message", beep):
        // voices and languages the detector was never tuned on. A greeting the quiet noisy line breaks into short
        // words with long pauses may be HUMAN (the cost-sensitive side); none may be silence, and a MACHINE must
        // follow the greeting to its beep.
        int seen = 0, machines = 0;
        for (JsonNode f : result.perFile()) {
            String path = f.get("path").asText();
            if (!f.get("source").asText().startsWith("debian/") || !path.contains("_vm_")) {
                continue;
            }
            seen++;
            assertThat(f.get("ours").asText()).as(path).isIn("MACHINE", "HUMAN");
            if (f.get("ours").asText().equals("MACHINE")) {
                machines++;
                assertThat(f.path("ours_machine_end").asText()).as(path).isEqualTo("MACHINE_END_BEEP");
                File wav = BenchCorpus.prompts().resolve(path).toFile();
                long beepEndMs = WavReader.read(wav).length / 8 - 3000; // 3 s of line follow the beep; 20 ms frames
                assertThat(f.get("ours_machine_end_ms").asLong()).as(path).isBetween(beepEndMs - 100, beepEndMs + 200);
            }
        }
        assertThat(seen).isEqualTo(12);
        assertThat(machines).as("greetings called MACHINE").isGreaterThanOrEqualTo(10);
    }
}
