package org.opendialer.amd.progress;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.opendialer.amd.dsp.FrameAnalyzer;

/**
 * Call-progress analysis on 20 ms frames of 8 kHz audio, usable on early media before answer as well as after it.
 * Each tone of the country tables has its own {@link CadenceTracker}; SIT has a {@link SitToneDetector}. Each tone is
 * reported once per call (SIT once per distinct code), SILENCE once per silent stretch.
 *
 * <p>A frame "has" a table tone when its components hold most of the frame's power: at least 0.65 of the normalised
 * power for a single tone, 0.6 together and 0.15 each for a pair, and the frame is louder than -50 dBFS. Not
 * thread-safe; allocates nothing per frame except when reporting.
 *
 * <p>Made with {@link #earlyMedia} it also reports {@link CallProgressTone#ANNOUNCEMENT} once when speech is heard
 * (see {@link AnnouncementDetector}): before the answer that is a recording, never a person.
 */
public final class CallProgressAnalyzer {

    private static final double MIN_TONE_DBFS = -50;
    private static final double SILENCE_DBFS = -55;
    private static final int FRAME_MS = 20;
    /** A single table tone and a beep this close (relative) are the same frequency; a beep holds itself to 2 %. */
    private static final double TABLE_TONE_TOLERANCE = 0.02;

    private final FrameAnalyzer frame;
    private final CadenceTracker[] trackers;
    /** Per tracker: its frequency when it is a single tone, NaN for a dual tone. */
    private final double[] singleHz;
    private final int[][] probeOf;
    private final SitToneDetector sit = new SitToneDetector();
    private final Consumer<ToneReport> listener;
    private final int silenceFrames;
    private final AnnouncementDetector announcements;

    private long frames;
    private int silentRun;
    private boolean toneNow;
    private boolean tableToneNow;
    private ToneReport last;
    private SitCode reportedSit;

    /**
     * @param definitions     tones to look for, e.g. {@link CountryToneTable#forCountries(String)}
     * @param silenceReportMs continuous silence after which {@link CallProgressTone#SILENCE} is reported
     * @param listener        called synchronously with each recognised tone
     */
    public CallProgressAnalyzer(List<ToneDefinition> definitions, int silenceReportMs, Consumer<ToneReport> listener) {
        this(definitions, silenceReportMs, listener, false);
    }

    private CallProgressAnalyzer(List<ToneDefinition> definitions, int silenceReportMs, Consumer<ToneReport> listener,
                                 boolean announcements) {
        this.announcements = announcements ? new AnnouncementDetector() : null;
        Set<Double> probes = new LinkedHashSet<>();
        for (ToneDefinition d : definitions) {
            for (double f : d.frequenciesHz()) {
                probes.add(f);
            }
        }
        double[] hz = probes.stream().mapToDouble(Double::doubleValue).toArray();
        this.frame = new FrameAnalyzer(hz);
        this.trackers = new CadenceTracker[definitions.size()];
        this.probeOf = new int[definitions.size()][];
        this.singleHz = new double[definitions.size()];
        for (int i = 0; i < trackers.length; i++) {
            ToneDefinition d = definitions.get(i);
            trackers[i] = new CadenceTracker(d);
            double[] f = d.frequenciesHz();
            singleHz[i] = f.length == 1 ? f[0] : Double.NaN;
            probeOf[i] = new int[f.length];
            for (int k = 0; k < f.length; k++) {
                probeOf[i][k] = frame.probeIndex(f[k]);
            }
        }
        this.listener = listener;
        this.silenceFrames = Math.max(1, silenceReportMs / FRAME_MS);
    }

    /** Analyser for the given countries (see {@link CountryToneTable}), reporting silence after 5 s. */
    public static CallProgressAnalyzer create(String countries, Consumer<ToneReport> listener) {
        return new CallProgressAnalyzer(CountryToneTable.forCountries(countries), 5000, listener);
    }

    /**
     * Analyser for early media (before the answer): as {@link #create}, and it also reports
     * {@link CallProgressTone#ANNOUNCEMENT} once, about a second into the first spoken sentence.
     */
    public static CallProgressAnalyzer earlyMedia(String countries, Consumer<ToneReport> listener) {
        return new CallProgressAnalyzer(CountryToneTable.forCountries(countries), 5000, listener, true);
    }

    /** Analyses one frame (normally 160 samples); the array is not retained. */
    public void onFrame(short[] samples) {
        frame.analyze(samples);
        frames++;
        long nowMs = frames * FRAME_MS;
        double level = frame.levelDbfs();
        boolean anyOn = false;
        for (int i = 0; i < trackers.length; i++) {
            boolean present = level >= MIN_TONE_DBFS && matches(probeOf[i]);
            CadenceTracker t = trackers[i];
            if (t.update(present)) {
                ToneDefinition d = t.definition();
                report(new ToneReport(d.tone(), nowMs, null, d.frequenciesHz()[0], d.country()));
            }
            anyOn |= t.isOn();
        }
        if (sit.update(level, frame.toneHz(), frame.purity()) && sit.lastCode() != reportedSit) {
            reportedSit = sit.lastCode();
            report(new ToneReport(CallProgressTone.SIT, nowMs, reportedSit, sit.lastFirstHz(), "*"));
        }
        tableToneNow = anyOn;
        toneNow = anyOn || sit.inTone();
        if (announcements != null && announcements.update(frame, toneNow)) {
            report(new ToneReport(CallProgressTone.ANNOUNCEMENT, nowMs, null, 0, "*"));
        }
        silentRun = level < SILENCE_DBFS ? silentRun + 1 : 0;
        if (silentRun == silenceFrames) {
            report(new ToneReport(CallProgressTone.SILENCE, nowMs, null, 0, "*"));
        }
    }

    private boolean matches(int[] probes) {
        if (probes.length == 1) {
            return frame.power(probes[0]) >= 0.65;
        }
        double a = frame.power(probes[0]), b = frame.power(probes[1]);
        return a >= 0.15 && b >= 0.15 && a + b >= 0.6;
    }

    private void report(ToneReport r) {
        if (r.tone() != CallProgressTone.SILENCE) {
            last = r;
        }
        listener.accept(r);
    }

    /** Features of the frame just analysed, for detectors layered on top (valid until the next frame). */
    public FrameAnalyzer lastFrame() {
        return frame;
    }

    /** Whether a table tone or a SIT segment is sounding in the current frame. */
    public boolean toneActive() {
        return toneNow;
    }

    /** Whether a tone of the country tables (ringback, busy, fax...) is in an on-segment now; SIT not included. */
    public boolean tableToneActive() {
        return tableToneNow;
    }

    /**
     * Whether a table tone in an on-segment now could be a single tone measured at {@code hz}: a dual tone, or a
     * single one within 2 % of it. With 50 Hz Goertzel bins a 440 Hz beep also lights the
     * EU 425 Hz probe; its measured frequency (exact to about 1 Hz) tells it apart.
     */
    public boolean tableToneAt(double hz) {
        if (!tableToneNow) {
            return false;
        }
        for (int i = 0; i < trackers.length; i++) {
            double f = singleHz[i];
            if (trackers[i].isOn() && (Double.isNaN(f) || Math.abs(f - hz) <= TABLE_TONE_TOLERANCE * f)) {
                return true;
            }
        }
        return false;
    }

    /** The last report other than SILENCE, or {@code null}. */
    public ToneReport lastTone() {
        return last;
    }
}
