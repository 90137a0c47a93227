package org.opendialer.amd.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendialer.amd.Signals;

class CallProgressAnalyzerTest {

    private static final double[] US_BUSY = {480, 620};

    private static List<ToneReport> analyse(String countries, short[] audio) {
        List<ToneReport> out = new ArrayList<>();
        CallProgressAnalyzer cpa = CallProgressAnalyzer.create(countries, out::add);
        Signals.feed(audio, cpa::onFrame);
        return out;
    }

    private static List<CallProgressTone> tones(List<ToneReport> reports) {
        return reports.stream().map(ToneReport::tone).filter(t -> t != CallProgressTone.SILENCE).toList();
    }

    @ParameterizedTest(name = "SIT {0}")
    @CsvSource({
        "NC, 985.2, 380, 1428.5, 380, 1776.7, 380",
        "IC, 913.8, 274, 1370.6, 274, 1776.7, 380",
        "VC, 985.2, 380, 1370.6, 274, 1776.7, 380",
        "RO, 913.8, 274, 1428.5, 380, 1776.7, 380",
        "ITU, 950, 330, 1400, 330, 1800, 330",
    })
    void sitCodesAreToldApartBySegmentFrequencyAndLength(SitCode code, double f1, int d1, double f2, int d2,
                                                       double f3, int d3) {
        short[] audio = Signals.create().silence(300).tone(d1, -20, f1).tone(d2, -20, f2).tone(d3, -20, f3)
                .silence(500).speech(1500, -20).samples();

        List<ToneReport> reports = analyse("US", audio);

        assertThat(reports).filteredOn(r -> r.tone() == CallProgressTone.SIT).singleElement()
                .satisfies(r -> {
                    assertThat(r.sitCode()).isEqualTo(code);
                    assertThat(r.frequencyHz()).isCloseTo(f1, org.assertj.core.data.Offset.offset(8.0));
                    // recognised when the third segment ends, within two frames
                    assertThat(r.atMs()).isBetween(300L + d1 + d2 + d3, 300L + d1 + d2 + d3 + 40);
                });
    }

    @Test
    void sitSurvivesNoiseAndItuGaps() {
        short[] itu = Signals.create().tone(330, -24, 950).silence(30).tone(330, -24, 1400).silence(30)
                .tone(330, -24, 1800).silence(1000).noise(-50).samples();
        assertThat(analyse("EU", itu)).extracting(ToneReport::sitCode).contains(SitCode.ITU);
    }

    @Test
    void aSingleToneOrTwoSegmentsAreNoSit() {
        short[] two = Signals.create().tone(380, -20, 985.2).tone(380, -20, 1428.5).silence(600).samples();
        assertThat(tones(analyse("US", two))).doesNotContain(CallProgressTone.SIT);
    }

    @Test
    void usBusyAndReorderShareFrequenciesButNotCadence() {
        short[] busy = Signals.create().cadence(4, -20, US_BUSY, 500, 500).samples();
        short[] reorder = Signals.create().cadence(8, -20, US_BUSY, 250, 250).samples();

        List<ToneReport> b = analyse("US", busy);
        List<ToneReport> r = analyse("US", reorder);

        assertThat(tones(b)).containsExactly(CallProgressTone.BUSY);
        // second on-segment ends at 1500 ms, reported 160 ms into the following off
        assertThat(b.get(0).atMs()).isBetween(1600L, 1720L);
        assertThat(tones(r)).containsExactly(CallProgressTone.REORDER);
        assertThat(r.get(0).atMs()).isLessThan(1000L);
    }

    @ParameterizedTest(name = "ringback {0}")
    @CsvSource({
        "US, 440, 480, 2000, 4000, 0, 0",
        "UK, 400, 450, 400, 200, 400, 2000",
        "EU, 425, 0, 1000, 4000, 0, 0",
    })
    void ringbackPerCountry(String country, double f1, double f2, int on1, int off1, int on2, int off2) {
        double[] hz = f2 == 0 ? new double[] {f1} : new double[] {f1, f2};
        int[] cadence = on2 == 0 ? new int[] {on1, off1} : new int[] {on1, off1, on2, off2};
        short[] audio = Signals.create().silence(200).cadence(2, -22, hz, cadence).samples();

        List<ToneReport> reports = analyse(country, audio);

        assertThat(tones(reports)).containsExactly(CallProgressTone.RINGBACK);
        assertThat(reports.get(0).country()).isEqualTo(country);
    }

    @Test
    void ukBusyIsNotCongestion() {
        short[] busy = Signals.create().cadence(4, -20, new double[] {400}, 375, 375).samples();
        short[] congestion = Signals.create().cadence(3, -20, new double[] {400}, 400, 350, 225, 525).samples();

        assertThat(tones(analyse("UK", busy))).containsExactly(CallProgressTone.BUSY);
        assertThat(tones(analyse("UK", congestion))).containsExactly(CallProgressTone.REORDER);
    }

    @Test
    void wrongCountryTableDoesNotInventATone() {
        short[] ukRingback = Signals.create().cadence(2, -22, new double[] {400, 450}, 400, 200, 400, 2000).samples();
        assertThat(tones(analyse("US", ukRingback))).isEmpty();
    }

    @Test
    void faxAndModemTones() {
        short[] cng = Signals.create().cadence(2, -20, new double[] {1100}, 500, 3000).samples();
        short[] ced = Signals.create().silence(200).tone(3000, -20, 2100).samples();
        short[] modem = Signals.create().tone(2000, -20, 2225).samples();

        List<ToneReport> c = analyse("US", cng);
        assertThat(tones(c)).containsExactly(CallProgressTone.FAX_CNG);
        assertThat(c.get(0).atMs()).isBetween(600L, 720L);
        List<ToneReport> e = analyse("US", ced);
        assertThat(tones(e)).containsExactly(CallProgressTone.FAX_CED);
        assertThat(e.get(0).atMs()).isBetween(900L, 960L);
        assertThat(tones(analyse("US", modem))).containsExactly(CallProgressTone.MODEM);
    }

    @Test
    void speechAndNoiseAreNoTones() {
        short[] audio = Signals.create().speech(6000, -20).noise(-40).samples();
        assertThat(analyse("US,UK,EU", audio)).isEmpty();
    }

    @Test
    void silenceIsReportedOncePerSilentStretch() {
        short[] audio = Signals.create().silence(5200).speech(500, -20).silence(5200).samples();
        List<ToneReport> reports = analyse("US", audio);
        assertThat(reports).extracting(ToneReport::tone)
                .containsExactly(CallProgressTone.SILENCE, CallProgressTone.SILENCE);
        assertThat(reports.get(0).atMs()).isEqualTo(5000);
    }

    @Test
    void unknownCountryIsRejectedByName() {
        assertThatThrownBy(() -> CountryToneTable.forCountries("US,XX"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XX");
    }

    @Test
    void cadenceToleranceCoversFrameQuantisationOnly() {
        assertThat(CadenceTracker.fits(500, 500)).isTrue();
        assertThat(CadenceTracker.fits(620, 500)).isTrue();
        assertThat(CadenceTracker.fits(250, 500)).isFalse();
        assertThat(CadenceTracker.fits(380, 250)).isFalse();
    }
}
