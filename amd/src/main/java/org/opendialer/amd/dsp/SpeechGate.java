package org.opendialer.amd.dsp;

/**
 * Frame-level voice activity on an adaptive threshold: speech starts on a frame at least {@code overNoiseDb} above
 * the tracked noise floor and louder than {@code minSpeechDbfs}, and goes on while frames stay {@code overNoiseDb}
 * above the floor (hysteresis). Built to hold from -35 to -3 dBFS speech peaks over line noise, through G.711 of
 * either law and with lost packets:
 * <ul>
 *   <li>The floor follows drops at once and rises by 0.05 dB per quiet frame (2.5 dB/s), so the pauses inside speech
 *       keep it down while a louder line lifts it within seconds. The first frame is judged against at most
 *       -35 dBFS.</li>
 *   <li>It is never below the quietest frame of the last second (minimum statistics): speech dips between syllables
 *       and words within a second, steady line noise does not. Without this a line louder than -23 dBFS would be
 *       speech from the first frame, never let the floor rise, and end as a long greeting: a MACHINE. The price: a
 *       person who speaks from the very first frame is heard from their first dip on.</li>
 *   <li>Digital silence (below -90 dBFS: a lost packet filled with zeros, a codec's idle pattern) is neither speech
 *       nor noise: one lost packet would otherwise drop the floor to -120 dBFS and make the line noise "speech" for
 *       the next minute.</li>
 *   <li>Tonal frames (one strong frequency) count as speech for the first {@link #TONE_HOLD_FRAMES}: band-limited
 *       vowels of low voices put 90 % of their power in one harmonic for a few frames. Longer tonal runs and tones
 *       of a confirmed table cadence are tones, not speech; they are reported as {@link Kind#TONE}, which callers
 *       treat as neither speech nor silence, and they stay out of the floor's minimum statistics.</li>
 * </ul>
 * It also remembers whether anything but the line was ever heard ({@link #heardActivity()}): NO_SPEECH is only for
 * a line that stayed silent, and only when the line is quiet enough that speech could have been heard on it.
 *
 * <p>Shared by the answering-machine detector (after answer) and the announcement detector of early media. One
 * instance per call; not thread-safe.
 */
public final class SpeechGate {

    /** What one frame was. */
    public enum Kind { SPEECH, TONE, QUIET }

    private static final double FLOOR_RISE_DB = 0.05;
    private static final double FLOOR_START_CEILING_DBFS = -35;
    /** Minimum statistics over one second of non-tonal frames (all of them until a second has been heard). */
    private static final int WINDOW_FRAMES = 50;
    private static final double DIGITAL_SILENCE_DBFS = -90;
    /** 160 ms: longer than the tonal stretch of a vowel, shorter than any beep or table tone segment we decide on. */
    static final int TONE_HOLD_FRAMES = 8;
    /** Speech frames (40 ms in all; one click is a frame) that make a line "not silent" even without a word. */
    private static final int ACTIVITY_FRAMES = 2;
    /** The quietest speech the gate is meant to hear; the line is too noisy for NO_SPEECH when it would not be. */
    static final double QUIETEST_SPEECH_DBFS = -35;
    /**
     * Absolute floor of the continuation threshold: 7 dB over G.711's smallest step (an A-law idle line, +-8 of
     * 32768, is -72 dBFS), so a codec's idle pattern never holds a word open.
     */
    static final double CONTINUE_MIN_DBFS = -65;
    /**
     * Speech goes on under {@code minSpeechDbfs} only within this range of its loudest frame so far: weak consonants
     * sit 10-20 dB under the vowels, while the decay of loud speech into a pause falls further and must stay a pause.
     */
    static final double BURST_RANGE_DB = 20;

    private final double overNoiseDb;
    private final double minSpeechDbfs;

    private double floor = Double.NaN;
    private final double[] window = new double[WINDOW_FRAMES];
    private int windowFill;
    private int windowNext;
    private int tonalRun;
    private int activity;
    private boolean speaking;
    private double burstPeak = Double.NEGATIVE_INFINITY;

    public SpeechGate(double overNoiseDb, double minSpeechDbfs) {
        this.overNoiseDb = overNoiseDb;
        this.minSpeechDbfs = minSpeechDbfs;
    }

    /**
     * Classifies one frame and updates the floor.
     *
     * @param tonal     the frame has one dominant frequency or a call-progress tone is sounding
     * @param knownTone a tone already recognised (table cadence, SIT) is sounding: never speech
     */
    public Kind update(double levelDbfs, boolean tonal, boolean knownTone) {
        if (levelDbfs < DIGITAL_SILENCE_DBFS) {
            tonalRun = 0;
            return Kind.QUIET;
        }
        tonalRun = tonal ? tonalRun + 1 : 0;
        double overLine = Math.max(CONTINUE_MIN_DBFS, overLine(levelDbfs));
        double start = Math.max(minSpeechDbfs, overLine);
        double goOn = Math.min(start, Math.max(overLine, burstPeak - BURST_RANGE_DB));
        boolean loud = levelDbfs >= (speaking ? goOn : start);
        Kind kind;
        if (knownTone || tonalRun > TONE_HOLD_FRAMES || tonal && !loud) {
            kind = Kind.TONE;
        } else {
            kind = loud ? Kind.SPEECH : Kind.QUIET;
        }
        // Activity is anything clearly over the line, even under minSpeechDbfs: speech too quiet to form words
        // makes the call UNKNOWN (a person, for callers), never NO_SPEECH.
        if (kind == Kind.SPEECH || kind == Kind.QUIET && levelDbfs >= overLine) {
            activity++;
        }
        burstPeak = kind != Kind.SPEECH ? Double.NEGATIVE_INFINITY
                : Math.max(speaking ? burstPeak : levelDbfs, levelDbfs);
        speaking = kind == Kind.SPEECH;
        trackFloor(levelDbfs, loud, tonal);
        return kind;
    }

    /**
     * The floor margin: {@code overNoiseDb} over the line. Speech starts above it and {@code minSpeechDbfs}, and goes
     * on above it alone while within {@link #BURST_RANGE_DB} of its loudest frame (hysteresis). Quiet speech
     * (-35 dBFS peaks, about -48 dBFS RMS) has its vowels above {@code minSpeechDbfs} but its consonants and
     * transitions 10-15 dB under it: without the lower continuation threshold a quiet greeting falls apart into
     * bursts shorter than a word and is never a word.
     */
    private double overLine(double level) {
        double f = Double.isNaN(floor) ? Math.min(level, FLOOR_START_CEILING_DBFS) : floor;
        return f + overNoiseDb;
    }

    private void trackFloor(double level, boolean loud, boolean tonal) {
        if (!tonal) { // a steady tone is not the line's noise
            window[windowNext] = level;
            windowNext = (windowNext + 1) % WINDOW_FRAMES;
            windowFill = Math.min(WINDOW_FRAMES, windowFill + 1);
        }
        if (Double.isNaN(floor) || level < floor) {
            floor = level;
        } else if (!loud || level < floor + overNoiseDb) {
            floor += FLOOR_RISE_DB;
        }
        if (windowFill > 0) {
            double min = window[0];
            for (int i = 1; i < windowFill; i++) {
                min = Math.min(min, window[i]);
            }
            floor = Math.max(floor, min);
        }
    }

    /** The tracked noise floor in dBFS, NaN before any non-silent frame. */
    public double floor() {
        return floor;
    }

    /** Whether speech-like sound other than the line itself was heard at some point. */
    public boolean heardActivity() {
        return activity >= ACTIVITY_FRAMES;
    }

    /** Whether the line is quiet enough that the quietest speech would clear the threshold. */
    public boolean canHearQuietSpeech() {
        return Double.isNaN(floor) || floor + overNoiseDb <= QUIETEST_SPEECH_DBFS;
    }
}
