package org.opendialer.amd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decision bench as a test: our detector and the app_amd-style baseline over the real corpus
 * ({@code ../shared/corpus}, or the {@code amd.realCorpus} system property) and the corpus that
 * {@code corpus/generate.sh} makes into {@code target/generated-corpus}. Fails, never skips, when the generator's
 * tools or the real corpus are missing.
 */
class AmdBenchTest {

    private static AmdEval.Result result;

    @BeforeAll
    static void runBench() throws Exception {
        Path real = Path.of(System.getProperty("amd.realCorpus", "../../shared/corpus"));
        if (!Files.isReadable(real.resolve("labels.csv"))) {
            fail("real corpus not found at " + real.toAbsolutePath() + " (set -Damd.realCorpus=DIR)");
        }
        Path generated = Path.of("target/generated-corpus");
        Process p = new ProcessBuilder("bash", "corpus/generate.sh", generated.toString(), real.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail("corpus/generate.sh failed (needs espeak-ng and sox: apt-get install espeak-ng sox):\n" + log);
        }
        result = AmdEval.evaluate(List.of(real.resolve("labels.csv").toFile(),
                generated.resolve("labels.csv").toFile()));
    }

    @Test
    void oursMeetsTheAccuracyAndComplianceBars() {
        Tally ours = result.ours();
        assertThat(ours.files()).isGreaterThanOrEqualTo(80);
        assertThat(ours.accuracy()).as(ours.summaryLine()).isGreaterThanOrEqualTo(0.96);
        assertThat(ours.humanAsMachine()).as(ours.summaryLine()).isLessThanOrEqualTo(0.02);
        assertThat(ours.machineAsHuman()).as(ours.summaryLine()).isLessThanOrEqualTo(0.05);
        assertThat(ours.humanDelayPercentileMs(0.5)).as("p50 greeting end -> HUMAN").isLessThanOrEqualTo(1000);
    }

    @Test
    void oursBeatsTheBaselineOnEveryPart() {
        Map<String, int[]> ours = result.ours().parts();
        Map<String, int[]> base = result.baseline().parts();
        assertThat(ours.keySet()).contains("real:machine", "real:human", "generated:human", "generated:machine",
                "generated:tones");
        for (Map.Entry<String, int[]> e : ours.entrySet()) {
            int[] b = base.get(e.getKey());
            String what = e.getKey() + " ours " + e.getValue()[0] + " baseline " + b[0] + " of " + b[1];
            if (b[0] < b[1]) {
                assertThat(e.getValue()[0]).as(what).isGreaterThan(b[0]);
            } else {
                assertThat(e.getValue()[0]).as(what).isEqualTo(b[0]);
            }
        }
        assertThat(result.ours().accuracy()).isGreaterThan(result.baseline().accuracy() + 0.2);
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
                File wav = new File(System.getProperty("amd.realCorpus", "../../shared/corpus"), f.get("path").asText());
                long fileMs = WavReader.read(wav).length / 8;
                assertThat(f.get("ours_machine_end_ms").asLong()).isBetween(fileMs - 500, fileMs + 200);
                assertThat(f.get("ours_beep_hz").asInt()).isBetween(400, 3400);
            }
        }
        assertThat(seen).isEqualTo(2);
    }
}
