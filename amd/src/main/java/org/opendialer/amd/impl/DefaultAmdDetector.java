package org.opendialer.amd.impl;

import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdEvidence;
import org.opendialer.amd.AmdListener;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.AmdResult;
import org.opendialer.amd.MachineEndKind;
import org.opendialer.amd.dsp.FrameAnalyzer;
import org.opendialer.amd.dsp.NucleusCounter;
import org.opendialer.amd.dsp.SpeechGate;
import org.opendialer.amd.progress.CallProgressAnalyzer;
import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.amd.progress.CountryToneTable;
import org.opendialer.amd.progress.ToneReport;

/**
 * Our detector: call-progress analysis first (SIT, fax, busy, ringback decide at once), then a model of the answer's
 * structure on {@link SpeechGate}'s voice activity. A person says a short greeting and waits; a machine talks on, or
 * beeps. Cost-sensitive: a person taken for a machine is an abandoned call, so MACHINE needs positive evidence (a
 * beep, more speech than a person's first turn holds, a long unbroken read sentence, many words without a pause)
 * and anything unclear ends as HUMAN or UNKNOWN, which callers treat as a person.
 *
 * <p>NO_SPEECH is only for a line that stayed silent: a line on which something speech-like was heard without
 * forming a word, or one too noisy to hear quiet speech on, ends as UNKNOWN instead.
 */
public final class DefaultAmdDetector implements AmdDetector {

    private static final int FRAME_MS = AmdParams.FRAME_MS;
    /** Voiced speech crosses zero less often than about 1 kHz would (40 crossings per 20 ms). */
    private static final int VOICED_MAX_CROSSINGS = 40;
    /** Wait after a beep that might be the first fax CNG burst before calling it a machine beep. */
    private static final int CNG_WAIT_FRAMES = 12;
    /** Wait after a beep for a next tone segment (ITU SIT has gaps up to 30 ms between its segments). */
    private static final int BEEP_WAIT_FRAMES = 4;
    /** Syllable nuclei an unbroken utterance needs before its length alone makes it a machine. */
    private static final int CONTINUOUS_MIN_NUCLEI = 3;

    private final AmdParams p;
    private final AmdListener listener;
    private final CallProgressAnalyzer cpa;
    private final BeepTracker beeps;
    private final int minWordFrames, wordGapFrames, greetingFrames, afterGreetingFrames;
    private final int initialSilenceFrames, totalFrames, endSilenceFrames, endMaxFrames, continuousFrames;

    private final SpeechGate gate;
    private long frames;

    // greeting model, all in frames
    private int words;
    private long firstWordFrame = -1;
    private int burstFrames;
    private int burstSpan;
    private boolean burstCounted;
    private int silenceRun;
    private int voiceFrames;
    private int longestBurst;
    private int speechFrames;
    private int voicedFrames;
    private double speechDbSum;
    // syllable-like energy peaks in the current burst
    private final NucleusCounter nuclei = new NucleusCounter();
    private boolean continuous;

    private int pendingBeepWait = -1;
    private ToneReport tone;
    private CallProgressTone decisiveTone;

    private AmdResult result;
    private boolean machineEndDone;

    public DefaultAmdDetector(AmdParams params, AmdListener listener) {
        this.p = params;
        this.listener = listener;
        this.cpa = new CallProgressAnalyzer(CountryToneTable.forCountries(params.toneCountries()),
                params.initialSilenceMs(), this::onTone);
        this.beeps = new BeepTracker(AmdParams.frames(params.beepMinMs()), AmdParams.frames(params.beepMaxMs()));
        this.minWordFrames = AmdParams.frames(params.minWordMs());
        this.wordGapFrames = AmdParams.frames(params.wordGapMs());
        this.greetingFrames = AmdParams.frames(params.greetingMs());
        this.afterGreetingFrames = AmdParams.frames(params.afterGreetingSilenceMs());
        this.initialSilenceFrames = AmdParams.frames(params.initialSilenceMs());
        this.totalFrames = AmdParams.frames(params.totalAnalysisMs());
        this.endSilenceFrames = AmdParams.frames(params.machineEndSilenceMs());
        this.endMaxFrames = AmdParams.frames(params.machineEndMaxMs());
        this.continuousFrames = AmdParams.frames(params.maxContinuousSpeechMs());
        this.gate = new SpeechGate(params.speechOverNoiseDb(), params.minSpeechDbfs());
    }

    @Override
    public void onFrame(short[] frame) {
        if (frame.length != FRAME_SAMPLES) {
            throw new IllegalArgumentException("frame must have " + FRAME_SAMPLES + " samples, got " + frame.length);
        }
        if (isDone()) {
            return;
        }
        frames++;
        cpa.onFrame(frame);
        FrameAnalyzer f = cpa.lastFrame();
        double level = f.levelDbfs();
        boolean beepEnded = beeps.update(f, cpa.tableToneAt(f.toneHz()));
        boolean tonal = cpa.toneActive() || beeps.inTone() || f.singleTone();
        boolean knownTone = cpa.toneActive() && cpa.lastTone() != null;
        SpeechGate.Kind kind = gate.update(level, tonal, knownTone);
        if (result == null) {
            analyseGreeting(kind, f);
            decideOnBeep(beepEnded);
            decideOnGreeting();
        } else if (result == AmdResult.MACHINE && p.awaitMachineEnd() && !machineEndDone) {
            followMachine(beepEnded, kind != SpeechGate.Kind.QUIET || tonal);
        }
    }

    @Override
    public boolean isDone() {
        return result != null && (result != AmdResult.MACHINE || !p.awaitMachineEnd() || machineEndDone);
    }

    private void analyseGreeting(SpeechGate.Kind kind, FrameAnalyzer f) {
        if (kind == SpeechGate.Kind.TONE) {
            return; // a tone is neither a word nor the silence after one
        }
        if (kind == SpeechGate.Kind.SPEECH) {
            if (burstFrames == 0) {
                burstSpan = 0;
                nuclei.start(f.levelDbfs());
            }
            // dips shorter than a word gap are part of the word: weak consonants of quiet speech fall under the gate
            int step = silenceRun < wordGapFrames && burstFrames > 0 ? silenceRun + 1 : 1;
            burstSpan += step;
            burstFrames++;
            silenceRun = 0;
            speechFrames++;
            speechDbSum += f.levelDbfs();
            if (f.zeroCrossings() < VOICED_MAX_CROSSINGS) {
                voicedFrames++;
            }
            if (firstWordFrame >= 0) {
                voiceFrames += step;
            }
            if (!burstCounted && burstFrames >= minWordFrames) {
                burstCounted = true;
                words++;
                if (firstWordFrame < 0) {
                    firstWordFrame = frames - burstSpan + 1;
                    voiceFrames = burstSpan;
                }
            }
            longestBurst = Math.max(longestBurst, burstCounted ? burstSpan : 0);
            nuclei.update(f.levelDbfs());
            if (burstCounted && burstSpan >= continuousFrames && nuclei.countWithOpen() >= CONTINUOUS_MIN_NUCLEI) {
                continuous = true;
            }
        } else {
            silenceRun++;
            if (burstFrames > 0 && silenceRun < wordGapFrames) {
                nuclei.update(f.levelDbfs()); // a pause inside a word counts as a fall
            }
            if (silenceRun >= wordGapFrames) {
                burstFrames = 0;
                burstCounted = false;
            }
        }
    }

    private void decideOnBeep(boolean beepEnded) {
        if (beepEnded) {
            // An 1100 Hz burst may be the first fax CNG: give the cadence tracker time to say so.
            pendingBeepWait = Math.abs(beeps.beepHz() - 1100) < 40 ? CNG_WAIT_FRAMES : BEEP_WAIT_FRAMES;
        } else if (pendingBeepWait > 0 && beeps.inTone()) {
            pendingBeepWait = -1; // another tone follows: a segment of a multi-tone signal, not a beep
        }
        if (pendingBeepWait == 0 && result == null) {
            pendingBeepWait = -1;
            decide(AmdResult.MACHINE, 0.9, "BEEP");
            reportMachineEnd(MachineEndKind.MACHINE_END_BEEP, frames * FRAME_MS, beeps.beepHz());
        } else if (pendingBeepWait > 0) {
            pendingBeepWait--;
        }
    }

    private void decideOnGreeting() {
        if (result != null || pendingBeepWait > 0) {
            return;
        }
        if (words > 0 && voiceFrames >= greetingFrames) {
            decide(AmdResult.MACHINE, clamp(0.6 + 0.4 * (voiceFrames - greetingFrames) / (double) greetingFrames),
                    "LONG_GREETING");
        } else if (continuous) {
            decide(AmdResult.MACHINE, 0.75, "CONTINUOUS_SPEECH");
        } else if (words > p.maxWords()) {
            decide(AmdResult.MACHINE, 0.7, "MAX_WORDS");
        } else if (words > 0 && silenceRun >= afterGreetingFrames) {
            decide(AmdResult.HUMAN, clamp(0.5 + 0.5 * (1.0 - voiceFrames / (double) greetingFrames)),
                    "AFTER_GREETING_SILENCE");
        } else if (words == 0 && frames >= initialSilenceFrames) {
            // something was said but too little for a word: a person is waiting, so do not keep them waiting
            if (gate.heardActivity()) {
                decide(AmdResult.UNKNOWN, 0.3, "SOUND_WITHOUT_WORDS");
            } else if (gate.canHearQuietSpeech()) {
                decide(AmdResult.NO_SPEECH, 0.8, "INITIAL_SILENCE");
            } else {
                decide(AmdResult.UNKNOWN, 0.3, "NOISY_LINE");
            }
        } else if (frames >= totalFrames) {
            decide(AmdResult.UNKNOWN, 0.3, "TOTAL_ANALYSIS_TIME");
        }
    }

    private void onTone(ToneReport r) {
        listener.onEvent(new AmdEvent.Tone(r.tone(), r.atMs(), r.sitCode(), r.frequencyHz()));
        if (r.tone() == CallProgressTone.SILENCE) {
            return;
        }
        tone = r;
        if (result != null) {
            return;
        }
        decisiveTone = r.tone();
        switch (r.tone()) {
            case SIT -> decide(AmdResult.SIT, 0.95, "SIT_" + r.sitCode());
            case FAX_CNG, FAX_CED, MODEM -> decide(AmdResult.FAX, 0.95, r.tone().name());
            case BUSY, REORDER, RINGBACK -> decide(AmdResult.UNKNOWN, 0.8, r.tone().name());
            default -> decisiveTone = null;
        }
    }

    private void followMachine(boolean beepEnded, boolean sound) {
        if (beepEnded) {
            reportMachineEnd(MachineEndKind.MACHINE_END_BEEP, frames * FRAME_MS, beeps.beepHz());
        } else if (!sound && silenceRun >= endSilenceFrames && !beeps.inTone()) {
            reportMachineEnd(MachineEndKind.MACHINE_END_SILENCE, frames * FRAME_MS, 0);
        } else if (frames >= endMaxFrames) {
            reportMachineEnd(MachineEndKind.MACHINE_END_OTHER, frames * FRAME_MS, 0);
        }
        silenceRun = sound ? 0 : silenceRun + 1;
    }

    private void reportMachineEnd(MachineEndKind kind, long atMs, double hz) {
        if (!p.awaitMachineEnd() || machineEndDone) {
            return;
        }
        machineEndDone = true;
        listener.onEvent(new AmdEvent.MachineEnd(kind, atMs, hz));
    }

    private void decide(AmdResult r, double confidence, String reason) {
        result = r;
        if (r == AmdResult.MACHINE) {
            silenceRun = 0; // from here on it counts silence after the greeting for the end of the machine
        }
        AmdEvidence evidence = evidence(reason);
        listener.onEvent(new AmdEvent.Decision(r, frames * FRAME_MS, confidence, evidence));
    }

    private AmdEvidence evidence(String reason) {
        long initial = (firstWordFrame < 0 ? frames : firstWordFrame - 1) * FRAME_MS;
        return new AmdEvidence(initial, (long) voiceFrames * FRAME_MS, words, (long) longestBurst * FRAME_MS,
                words > 0 ? (long) silenceRun * FRAME_MS : 0,
                speechFrames == 0 ? Double.NEGATIVE_INFINITY : speechDbSum / speechFrames,
                Double.isNaN(gate.floor()) ? FrameAnalyzer.SILENT_DBFS : gate.floor(),
                speechFrames == 0 ? 0 : voicedFrames / (double) speechFrames,
                tone == null ? null : tone.tone(), reason);
    }

    /** The tone that decided the call (SIT, fax, busy...), or {@code null} when the greeting model decided. */
    public CallProgressTone decisiveTone() {
        return decisiveTone;
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
