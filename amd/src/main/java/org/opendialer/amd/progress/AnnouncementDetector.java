package org.opendialer.amd.progress;

import org.opendialer.amd.AmdParams;
import org.opendialer.amd.dsp.FrameAnalyzer;
import org.opendialer.amd.dsp.NucleusCounter;
import org.opendialer.amd.dsp.SpeechGate;

/**
 * Speech-like sound in early media: a recorded announcement played before the answer (a carrier's voicemail
 * greeting, "the number you have dialled is not in service"). Before the answer nobody on the line is a person, so
 * the only question is whether a sound is speech or a tone, noise or a click; the rule asks for what any spoken
 * sentence has and none of those has: at least {@link #SPEECH_FRAMES} (1 s) of speech frames with at least
 * {@link #MIN_NUCLEI} syllable-like peaks, within one stretch that no second of non-speech interrupts.
 *
 * <p>Frames of a table tone (ringback, busy) or SIT, and single steady tones, are never speech
 * ({@link SpeechGate.Kind#TONE}); the few frames at each tone onset before its cadence tracker says "on" are
 * dropped when the ringback pauses (every pause is longer than a second). Music (a ringback tune) is not told apart
 * from speech and may be reported.
 */
final class AnnouncementDetector {

    /** One second of speech: the shortest announcement sentence is longer, no tone leak or click is. */
    static final int SPEECH_FRAMES = 50;
    /** A sentence of a second has four or more syllables; a hum, a chord or a swelling noise has one or none. */
    static final int MIN_NUCLEI = 4;
    /** A second without speech ends a stretch: longer than pauses inside a sentence, shorter than ringback's. */
    private static final int GAP_FRAMES = 50;
    /** Dips shorter than this inside speech are part of it (weak consonants fall under the gate). */
    private static final int DIP_FRAMES = 10;

    private final SpeechGate gate;
    private final NucleusCounter nuclei = new NucleusCounter();
    private int speechFrames;
    private int quietRun = GAP_FRAMES;
    private boolean reported;

    AnnouncementDetector() {
        AmdParams d = AmdParams.defaults();
        this.gate = new SpeechGate(d.speechOverNoiseDb(), d.minSpeechDbfs());
    }

    /**
     * Feeds one analysed frame.
     *
     * @param toneNow a table tone or SIT segment is sounding in this frame
     * @return true exactly once, on the frame the announcement is recognised
     */
    boolean update(FrameAnalyzer f, boolean toneNow) {
        double level = f.levelDbfs();
        SpeechGate.Kind kind = gate.update(level, toneNow || f.singleTone(), toneNow);
        if (kind == SpeechGate.Kind.SPEECH) {
            if (quietRun >= GAP_FRAMES) {
                speechFrames = 0;
                nuclei.start(level);
            }
            quietRun = 0;
            speechFrames++;
            nuclei.update(level);
        } else {
            quietRun++;
            if (quietRun < DIP_FRAMES && kind == SpeechGate.Kind.QUIET) {
                nuclei.update(level); // a pause inside the sentence counts as a fall
            }
        }
        if (!reported && speechFrames >= SPEECH_FRAMES && nuclei.countWithOpen() >= MIN_NUCLEI) {
            reported = true;
            return true;
        }
        return false;
    }
}
