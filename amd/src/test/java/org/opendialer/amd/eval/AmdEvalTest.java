package org.opendialer.amd.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.amd.Signals;
import org.opendialer.amd.dsp.FrameAnalyzer;

/** The command-line contract of {@code amd eval} on small synthesised label files. */
class AmdEvalTest {

    @TempDir
    Path dir;

    private record Run(int code, String out) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Run eval(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = AmdEval.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return new Run(code, buf.toString(StandardCharsets.UTF_8));
    }

    /** Writes 16-bit PCM at any rate and channel count (the same signal in every channel). */
    static void writeWav(File f, short[] mono, float rate, int channels) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(mono.length * 2 * channels).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : mono) {
            for (int c = 0; c < channels; c++) {
                bb.putShort(s);
            }
        }
        AudioFormat fmt = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bb.array()), fmt, mono.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, f);
        }
    }

    private Path smallCorpus() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        writeWav(dir.resolve("a/hello.wav").toFile(),
                Signals.create().silence(400).speech(500, -22).silence(2000).samples(), 8000, 1);
        writeWav(dir.resolve("a/greeting.wav").toFile(), Signals.create().speech(4000, -22).samples(), 8000, 1);
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, """
                path,label,source_repo,license
                a/hello.wav,human:test,generated:test,CC0
                a/greeting.wav,machine:test,generated:test,CC0
                a/hello.wav,dtmf:123,generated:test,CC0
                """);
        return csv;
    }

    @Test
    void printsBothRowsAndOursAsTheLastLine() throws IOException {
        Run r = eval("--labels", smallCorpus().toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("baseline (asterisk app_amd defaults): accuracy=")
                .contains("confusion matrix, ours").contains("1 skipped");
        assertThat(r.lastLine()).matches("accuracy=1\\.000 human_as_machine=0\\.000 machine_as_human=0\\.000 "
                + "p50_decision_ms=\\d+ p90_decision_ms=\\d+ files=2");
    }

    @Test
    void crossValidationBySourcePrintsEveryHeldOutSourceAndTheWorst() throws IOException {
        Path csv = smallCorpus();
        Files.writeString(csv, Files.readString(csv).replace("a/greeting.wav,machine:test,generated:test,CC0",
                "a/greeting.wav,machine:test,someone/prompts@abc123:en/x.wav,CC0"));
        Run r = eval("--labels", csv.toString(), "--cv", "source", "--sensitivity", "conservative");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ours at sensitivity conservative").contains("sensitivity curve")
                .contains("leave-one-source-out").containsPattern("someone/prompts\\s+real\\s+1 ")
                .containsPattern("generated\\s+generated\\s+1 ").contains("worst source: ")
                .contains("held-out real:").contains("held-out generated:");
        assertThat(r.lastLine()).startsWith("accuracy=");
    }

    @Test
    void earlyMediaTableSaysWhichMachineAndToneRecordingsWouldBeAnnouncementsBeforeTheAnswer() throws IOException {
        Path csv = smallCorpus();
        writeWav(dir.resolve("a/ring.wav").toFile(),
                Signals.create().cadence(2, -20, new double[] {440, 480}, 2000, 4000).samples(), 8000, 1);
        Files.writeString(csv, Files.readString(csv) + "a/ring.wav,tones:ringback_us,generated:test,CC0\n");

        Run r = eval("--labels", csv.toString());

        assertThat(r.code()).isZero();
        // the 4 s greeting is heard as an announcement about a second in, the ringback never; the person is left out
        assertThat(r.out()).contains("early media")
                .containsPattern("generated\\s+machine:test\\s+1/1\\s+1\\d{3}\n")
                .containsPattern("generated\\s+tones:ringback_us\\s+0/1\\s+-\n")
                .doesNotContainPattern("human:test\\s+\\d+/");
    }

    @Test
    void sourcesAreRepositoriesWithTheirSpeakerOrLanguage() {
        assertThat(Corpus.source("Jakobovski/free-spoken-digit-dataset@26eb9aaf76e8:recordings (theo)"))
                .isEqualTo("Jakobovski/free-spoken-digit-dataset/theo");
        assertThat(Corpus.source("wehup/asterisk-sounds@e914b7035cfe:en/vm-intro.wav (first 0.5s; generate.sh)"))
                .isEqualTo("wehup/asterisk-sounds");
        assertThat(Corpus.source("generated:opendialer/amd/corpus/generate.sh (ko)")).isEqualTo("generated/ko");
        // prompts.sh rows: one source per Debian package (language and voice), counted as real
        assertThat(Corpus.source("debian/asterisk-core-sounds-fr-wav@1.6.1-1:fr_CA_f_June/vm-nobodyavail.wav+beep.wav "
                + "(amd/corpus/prompts.sh)")).isEqualTo("debian/asterisk-core-sounds-fr-wav");
        assertThat(Corpus.source("")).isEqualTo("unknown");
    }

    @Test
    void jsonIsOneLineFollowedByTheSummary() throws IOException {
        Run r = eval("--labels", smallCorpus().toString(), "--json");

        assertThat(r.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out().lines().findFirst().orElseThrow());
        assertThat(json.at("/ours/files").asInt()).isEqualTo(2);
        assertThat(json.at("/files/0/ours").asText()).isEqualTo("HUMAN");
        assertThat(json.at("/files/1/ours").asText()).isEqualTo("MACHINE");
        assertThat(r.lastLine()).startsWith("accuracy=1.000");
    }

    @Test
    void badArgumentsAndUnreadableFilesExitWith2AndOneLine() throws IOException {
        for (String[] args : new String[][] {{}, {"--labels"}, {"--frobnicate"},
                {"--labels", dir.resolve("missing.csv").toString()}, {"--labels", "x.csv", "--cv", "file"},
                {"--labels", "x.csv", "--sensitivity", "paranoid"}, {"--labels", "x.csv", "--cv"}}) {
            Run r = eval(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out().strip()).doesNotContain("\n").startsWith("amd eval:");
        }
        Path csv = dir.resolve("broken.csv");
        Files.writeString(csv, "path,label\nnothere.wav,human:x\n");
        Run r = eval("--labels", csv.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("nothere.wav");
    }

    @Test
    void wavsAreConvertedTo8kMono() throws IOException {
        File f = dir.resolve("tone16k.wav").toFile();
        short[] tone = Signals.create().tone(1000, -20, 1000).samples(); // samples of 1000 Hz at 8 kHz, played at 16 kHz: 2000 Hz
        writeWav(f, tone, 16000, 2);

        short[] out = WavReader.read(f);

        assertThat(out.length).isBetween(tone.length / 2 - 2, tone.length / 2 + 2);
        FrameAnalyzer fa = new FrameAnalyzer(new double[] {2000});
        short[] frame = new short[160];
        System.arraycopy(out, 800, frame, 0, 160);
        fa.analyze(frame);
        assertThat(fa.toneHz()).isBetween(1990.0, 2010.0);
        assertThat(fa.purity()).isGreaterThan(0.95);
    }
}
