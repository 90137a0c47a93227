package org.opendialer.amd.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendialer.amd.BenchCorpus;
import org.opendialer.amd.Signals;
import org.opendialer.amd.eval.WavReader;

/**
 * {@link CallProgressAnalyzer#earlyMedia}: recorded announcements before the answer are reported as
 * {@link CallProgressTone#ANNOUNCEMENT}, ringback and other tones never are, and the analyser for after the answer
 * ({@link CallProgressAnalyzer#create}) never reports one.
 */
class EarlyMediaAnnouncementTest {

    private static List<ToneReport> early(String countries, short[] audio) {
        List<ToneReport> out = new ArrayList<>();
        CallProgressAnalyzer cpa = CallProgressAnalyzer.earlyMedia(countries, out::add);
        Signals.feed(audio, cpa::onFrame);
        return out;
    }

    private static List<ToneReport> announcements(List<ToneReport> reports) {
        return reports.stream().filter(r -> r.tone() == CallProgressTone.ANNOUNCEMENT).toList();
    }

    @Test
    void speechBeforeTheAnswerIsOneAnnouncementAboutASecondIn() {
        short[] audio = Signals.create().silence(500).speech(4000, -22).silence(1500).speech(3000, -22)
                .noise(-50).g711(false).samples();

        List<ToneReport> reports = announcements(early("US", audio));

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.atMs()).isBetween(1500L, 2500L);
            assertThat(r.country()).isEqualTo("*");
        });
        List<ToneReport> afterAnswer = new ArrayList<>();
        CallProgressAnalyzer cpa = CallProgressAnalyzer.create("US", afterAnswer::add);
        Signals.feed(audio, cpa::onFrame);
        assertThat(afterAnswer).extracting(ToneReport::tone).doesNotContain(CallProgressTone.ANNOUNCEMENT);
    }

    @ParameterizedTest(name = "ringback {0} at {7} dBFS")
    @CsvSource({
        "US, 440, 480, 2000, 4000, 0, 0, -12",
        "UK, 400, 450, 400, 200, 400, 2000, -20",
        "EU, 425, 0, 1000, 4000, 0, 0, -30",
    })
    void aMinuteOfRingbackOnANoisyLossyLineIsNeverAnAnnouncement(String country, double f1, double f2, int on1,
                                                                int off1, int on2, int off2, double dbfs) {
        double[] hz = f2 == 0 ? new double[] {f1} : new double[] {f1, f2};
        int[] cadence = on2 == 0 ? new int[] {on1, off1} : new int[] {on1, off1, on2, off2};
        int cycleMs = on1 + off1 + on2 + off2;
        short[] audio = Signals.create().silence(300).cadence(60_000 / cycleMs, dbfs, hz, cadence).noise(dbfs - 25)
                .g711(true).loseFrames(0.05).samples();

        List<ToneReport> reports = early(country + ",US", audio);

        assertThat(reports).extracting(ToneReport::tone).contains(CallProgressTone.RINGBACK)
                .doesNotContain(CallProgressTone.ANNOUNCEMENT);
    }

    @Test
    void tonesClicksAndOneDrawnOutSoundAreNoAnnouncement() {
        Signals clicks = Signals.create();
        for (int i = 0; i < 10; i++) {
            clicks.speech(200, -15).silence(1200); // a word-length sound now and then: never a second of speech
        }
        short[] swell = Signals.create().silence(500).swell(3000, -18).silence(1000).noise(-55).samples();
        short[] busyAndFax = Signals.create().cadence(6, -18, new double[] {480, 620}, 500, 500)
                .cadence(3, -18, new double[] {1100}, 500, 3000).tone(3000, -18, 2100).noise(-45).samples();
        short[] loudLine = Signals.create().silence(10_000).noise(-20).samples();

        assertThat(announcements(early("US", clicks.noise(-50).samples()))).isEmpty();
        assertThat(announcements(early("US", swell))).as("one syllable held for 3 s").isEmpty();
        assertThat(early("US", busyAndFax)).extracting(ToneReport::tone)
                .contains(CallProgressTone.BUSY, CallProgressTone.FAX_CNG, CallProgressTone.FAX_CED)
                .doesNotContain(CallProgressTone.ANNOUNCEMENT);
        assertThat(announcements(early("US", loudLine))).as("a steady -20 dBFS line").isEmpty();
    }

    @Test
    void aSitAndItsAnnouncementAreBothReportedInOrder() {
        short[] audio = Signals.create().tone(274, -20, 913.8).tone(274, -20, 1370.6).tone(380, -20, 1776.7)
                .silence(300).speech(3000, -20).noise(-50).samples();

        assertThat(early("US", audio)).extracting(ToneReport::tone)
                .containsSubsequence(CallProgressTone.SIT, CallProgressTone.ANNOUNCEMENT);
    }

    /** espeak-ng announcements in eight languages after one ring, and 25 s ringbacks, through the phone channel. */
    @Test
    void generatedCarrierAnnouncementsAreReportedAndGeneratedRingbacksAreNot() throws Exception {
        Path dir = BenchCorpus.generated().resolve("early");
        int announced = 0, rings = 0;
        for (CSVRecord row : labels(dir.resolve("labels.csv"))) {
            List<ToneReport> reports = early("US,UK,EU", WavReader.read(dir.resolve(row.get("path")).toFile()));
            List<CallProgressTone> tones = reports.stream().map(ToneReport::tone).toList();
            switch (row.get("label")) {
                case "early:announcement" -> {
                    announced++;
                    // the ring comes first and is still told as such; the announcement after it
                    assertThat(tones).as(row.get("path")).containsSubsequence(CallProgressTone.RINGBACK,
                            CallProgressTone.ANNOUNCEMENT);
                    assertThat(announcements(reports)).as(row.get("path")).hasSize(1);
                }
                case "early:ringback" -> {
                    rings++;
                    assertThat(tones).as(row.get("path")).contains(CallProgressTone.RINGBACK)
                            .doesNotContain(CallProgressTone.ANNOUNCEMENT);
                }
                default -> throw new AssertionError("unexpected label " + row.get("label"));
            }
        }
        assertThat(announced).isEqualTo(8);
        assertThat(rings).isEqualTo(6);
    }

    /** Real recordings: the Asterisk network announcements ("all circuits are busy now" ...) as early media. */
    @Test
    void realNetworkAnnouncementsAreReportedWithinTheirFirstSentence() throws Exception {
        Path real = BenchCorpus.real();
        int seen = 0;
        for (CSVRecord row : labels(real.resolve("labels.csv"))) {
            if (!row.get("label").equals("machine:network_announcement")) {
                continue;
            }
            seen++;
            File wav = real.resolve(row.get("path")).toFile();
            List<ToneReport> reports = announcements(early("US", WavReader.read(wav)));
            assertThat(reports).as(row.get("path")).singleElement()
                    .satisfies(r -> assertThat(r.atMs()).isLessThanOrEqualTo(1500));
        }
        assertThat(seen).isEqualTo(10);
    }

    private static List<CSVRecord> labels(Path csv) throws IOException {
        try (var reader = Files.newBufferedReader(csv, java.nio.charset.StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)
                    .getRecords();
        }
    }
}
