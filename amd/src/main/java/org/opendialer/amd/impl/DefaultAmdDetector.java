package org.opendialer.amd.impl;

import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdEvidence;
import org.opendialer.amd.AmdListener;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.AmdResult;
import org.opendialer.amd.MachineEndKind;
import org.opendialer.amd.dsp.FrameAnalyzer;
import org.opendialer.amd.progress.CallProgressAnalyzer;
import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.amd.progress.CountryToneTable;
import org.opendialer.amd.progress.ToneReport;

/**
 * Our detector: call-progress analysis first (SIT, fax, busy, ringback decide at once), then a greeting model on an
 * adaptive speech threshold. A person says a short greeting and waits; a machine talks on. Tonal frames (beeps,
 * table tones) never count as speech, and a beep on its own is a machine. One unbroken second of running speech
 * (three or more syllable-like energy peaks, no word gap) is a read prompt, hence a machine.
 *
 * <p>Speech threshold: {@code max(minSpeechDbfs, noiseFloor + speechOverNoiseDb)}. The noise floor follows drops
 * at once and rises by 0.05 dB per frame (2.5 dB/s), so the pauses inside speech keep it down while a louder line
 * lifts it within seconds.
 */
public final class DefaultAmdDetector implements AmdDetector {

    private static final int FRAME_MS = AmdParams.FRAME_MS;
    private static final double FLOOR_RISE_DB = 0.05;
    private static final double FLOOR_CEILING_DBFS = -35;
    /** Voiced speech crosses zero less often than about 1 kHz would (40 crossings per 20 ms). */
    private static final int VOICED_MAX_CROSSINGS = 40;
    /** Wait after a beep that might be the first fax CNG burst before calling it a machine beep. */
    private static final int CNG_WAIT_FRAMES = 12;
    /** Wait after a beep for a next tone segment (ITU SIT has gaps up to 30 ms between its segments). */
    private static final int BEEP_WAIT_FRAMES = 4;
    /** A syllable nucleus: the level rises to a peak and then falls this far below it (or the burst ends). */
    private static final double NUCLEUS_DIP_DB = 4.0;
    /** Syllable nuclei an unbroken utterance needs before its length alone makes it a machine. */
    private static final int CONTINUOUS_MIN_NUCLEI = 3;

    private final AmdParams p;
    private final AmdListener listener;
    private final CallProgressAnalyzer cpa;
    private final BeepTracker beeps;
    private final int minWordFrames, wordGapFrames, greetingFrames, afterGreetingFrames;
    private final int initialSilenceFrames, totalFrames, endSilenceFrames, endMaxFrames, continuousFrames;

    private long frames;
    private double noiseFloor = Double.NaN;

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
    private int burstNuclei;
    private boolean nucleusFalling;
    private double nucleusRef;
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
        boolean beepEnded = beeps.update(level, f.toneHz(), f.purity(), cpa.tableToneActive());
        boolean tonal = cpa.toneActive() || beeps.inTone() || BeepTracker.isTonal(level, f.toneHz(), f.purity());
        boolean speech = !tonal && isSpeech(level);
        trackFloor(level, speech);
        if (result == null) {
            analyseGreeting(speech, f);
            decideOnBeep(beepEnded);
            decideOnGreeting();
        } else if (result == AmdResult.MACHINE && p.awaitMachineEnd() && !machineEndDone) {
            followMachine(beepEnded, speech || tonal);
        }
    }

    @Override
    public boolean isDone() {
        return result != null && (result != AmdResult.MACHINE || !p.awaitMachineEnd() || machineEndDone);
    }

    private boolean isSpeech(double level) {
        double floor = Double.isNaN(noiseFloor) ? Math.min(level, FLOOR_CEILING_DBFS) : noiseFloor;
        return level >= Math.max(p.minSpeechDbfs(), floor + p.speechOverNoiseDb());
    }

    private void trackFloor(double level, boolean speech) {
        if (Double.isNaN(noiseFloor)) {
            noiseFloor = Math.min(level, FLOOR_CEILING_DBFS);
        } else if (level < noiseFloor) {
            noiseFloor = level;
        } else if (!speech || level < noiseFloor + p.speechOverNoiseDb()) {
            noiseFloor = Math.min(FLOOR_CEILING_DBFS, noiseFloor + FLOOR_RISE_DB);
        }
    }

    private void analyseGreeting(boolean speech, FrameAnalyzer f) {
        if (speech) {
            if (burstFrames == 0) {
                burstSpan = 0;
                burstNuclei = 0;
                nucleusFalling = false;
                nucleusRef = f.levelDbfs();
            }
            burstSpan += silenceRun < wordGapFrames && burstFrames > 0 ? silenceRun + 1 : 1;
            burstFrames++;
            silenceRun = 0;
            speechFrames++;
            speechDbSum += f.levelDbfs();
            if (f.zeroCrossings() < VOICED_MAX_CROSSINGS) {
                voicedFrames++;
            }
            if (firstWordFrame >= 0) {
                voiceFrames++;
            }
            if (!burstCounted && burstFrames >= minWordFrames) {
                burstCounted = true;
                words++;
                if (firstWordFrame < 0) {
                    firstWordFrame = frames - burstSpan + 1;
                    voiceFrames = burstFrames;
                }
            }
            longestBurst = Math.max(longestBurst, burstCounted ? burstSpan : 0);
            trackNuclei(f.levelDbfs());
            if (burstCounted && burstSpan >= continuousFrames
                    && burstNuclei + (nucleusFalling ? 0 : 1) >= CONTINUOUS_MIN_NUCLEI) {
                continuous = true;
            }
        } else {
            silenceRun++;
            if (burstFrames > 0 && silenceRun < wordGapFrames) {
                trackNuclei(f.levelDbfs());
            }
            if (silenceRun >= wordGapFrames) {
                burstFrames = 0;
                burstCounted = false;
            }
        }
    }

    /** Counts rises to a peak followed by a fall of {@link #NUCLEUS_DIP_DB}; pauses inside a word count as falls. */
    private void trackNuclei(double level) {
        if (!nucleusFalling) {
            if (level > nucleusRef) {
                nucleusRef = level;
            } else if (level < nucleusRef - NUCLEUS_DIP_DB) {
                burstNuclei++;
                nucleusFalling = true;
                nucleusRef = level;
            }
        } else if (level < nucleusRef) {
            nucleusRef = level;
        } else if (level > nucleusRef + NUCLEUS_DIP_DB) {
            nucleusFalling = false;
            nucleusRef = level;
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
            decide(AmdResult.NO_SPEECH, 0.8, "INITIAL_SILENCE");
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
                Double.isNaN(noiseFloor) ? FrameAnalyzer.SILENT_DBFS : noiseFloor,
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
