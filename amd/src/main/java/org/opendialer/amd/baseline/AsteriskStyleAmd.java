package org.opendialer.amd.baseline;

import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdEvidence;
import org.opendialer.amd.AmdListener;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.AmdResult;

/**
 * Baseline for the bench: the heuristic of Asterisk's {@code AMD()} application as its documentation describes it,
 * reimplemented here (no code copied). A frame is silent when its mean absolute sample is below 256. Documented
 * defaults: initial silence 2500 ms, greeting 1500 ms, after-greeting silence 800 ms, total analysis 5000 ms,
 * minimum word 100 ms, between-words silence 50 ms, maximum 2 words.
 *
 * <p>Outcomes as documented: MACHINE for INITIALSILENCE, LONGGREETING and MAXWORDS (more words than the maximum),
 * HUMAN after a greeting followed by the after-greeting silence, NOTSURE (here {@link AmdResult#UNKNOWN}) when the
 * total time runs out. It has no tone detection, so tones become words or silence like any other sound.
 */
public final class AsteriskStyleAmd implements AmdDetector {

    private static final int FRAME_MS = AmdParams.FRAME_MS;
    private static final int SILENCE_THRESHOLD = 256;

    private final AmdListener listener;
    private final int initialSilenceMs = 2500, greetingMs = 1500, afterGreetingSilenceMs = 800;
    private final int totalAnalysisMs = 5000, minimumWordMs = 100, betweenWordsSilenceMs = 50, maximumWords = 2;

    private int totalMs;
    private int silenceMs;
    private int consecutiveVoiceMs;
    private int voiceMs;
    private int words;
    private boolean inWord;
    private boolean inInitialSilence = true;
    private boolean inGreeting;
    private boolean done;

    public AsteriskStyleAmd(AmdListener listener) {
        this.listener = listener;
    }

    @Override
    public void onFrame(short[] frame) {
        if (done) {
            return;
        }
        totalMs += FRAME_MS;
        long sum = 0;
        for (short s : frame) {
            sum += Math.abs(s);
        }
        boolean silent = sum / frame.length < SILENCE_THRESHOLD;
        if (silent) {
            silenceMs += FRAME_MS;
            consecutiveVoiceMs = 0;
            if (silenceMs >= betweenWordsSilenceMs) {
                inWord = false;
            }
            if (inInitialSilence && silenceMs >= initialSilenceMs) {
                decide(AmdResult.MACHINE, "INITIALSILENCE");
            } else if (inGreeting && silenceMs >= afterGreetingSilenceMs) {
                decide(AmdResult.HUMAN, "HUMAN");
            }
        } else {
            silenceMs = 0;
            consecutiveVoiceMs += FRAME_MS;
            voiceMs += FRAME_MS;
            if (consecutiveVoiceMs >= minimumWordMs && !inWord) {
                inWord = true;
                words++;
            }
            if (words > maximumWords) {
                decide(AmdResult.MACHINE, "MAXWORDS");
            } else if (inGreeting && voiceMs >= greetingMs) {
                decide(AmdResult.MACHINE, "LONGGREETING");
            } else if (!inGreeting && consecutiveVoiceMs >= minimumWordMs) {
                inGreeting = true;
                inInitialSilence = false;
            }
        }
        if (!done && totalMs >= totalAnalysisMs) {
            decide(AmdResult.UNKNOWN, "TOOLONG");
        }
    }

    private void decide(AmdResult result, String cause) {
        done = true;
        AmdEvidence evidence = new AmdEvidence(0, voiceMs, words, 0, silenceMs, Double.NaN, Double.NaN, 0, null,
                cause);
        listener.onEvent(new AmdEvent.Decision(result, totalMs, result == AmdResult.UNKNOWN ? 0 : 0.5, evidence));
    }

    @Override
    public boolean isDone() {
        return done;
    }
}
