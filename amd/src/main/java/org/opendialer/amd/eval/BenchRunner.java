package org.opendialer.amd.eval;

import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdEvidence;
import org.opendialer.amd.AmdListener;
import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.amd.progress.SitCode;

/**
 * Feeds one recording to one detector in virtual time. After the recording the line is kept open with digital
 * silence (as a call would be) for up to {@link #TAIL_FRAMES} frames or until the detector is done.
 */
final class BenchRunner {

    /** 10 s of silence after the recording at most. */
    static final int TAIL_FRAMES = 500;

    /** What a detector said about one file. {@code predicted} is null when it never decided. */
    record Verdict(String predicted, SitCode sitCode, long decisionMs, String reason, AmdEvent.MachineEnd machineEnd,
                   AmdEvidence evidence) {
    }

    private BenchRunner() {
    }

    static Verdict run(AmdDetector detector, Capture capture, short[] audio) {
        short[] frame = new short[AmdDetector.FRAME_SAMPLES];
        int audioFrames = (audio.length + frame.length - 1) / frame.length;
        for (int i = 0; i < audioFrames + TAIL_FRAMES && !detector.isDone(); i++) {
            int from = i * frame.length;
            for (int k = 0; k < frame.length; k++) {
                frame[k] = from + k < audio.length ? audio[from + k] : 0;
            }
            detector.onFrame(frame);
        }
        return capture.verdict();
    }

    /** Collects the events of one run. */
    static final class Capture implements AmdListener {
        private AmdEvent.Decision decision;
        private AmdEvent.MachineEnd machineEnd;
        private SitCode sitCode;

        @Override
        public void onEvent(AmdEvent event) {
            switch (event) {
                case AmdEvent.Decision d when decision == null -> decision = d;
                case AmdEvent.MachineEnd m when machineEnd == null -> machineEnd = m;
                case AmdEvent.Tone t when t.tone() == CallProgressTone.SIT && sitCode == null -> sitCode = t.sitCode();
                default -> { }
            }
        }

        Verdict verdict() {
            if (decision == null) {
                return new Verdict(null, null, -1, "NONE", machineEnd, null);
            }
            String predicted = decision.result().name();
            CallProgressTone tone = decision.evidence().tone();
            boolean undecided = predicted.equals("UNKNOWN") || predicted.equals("NO_SPEECH");
            if (undecided && tone != null && switch (tone) {
                case RINGBACK, BUSY, REORDER -> true;
                default -> false;
            }) {
                predicted = tone.name();
            }
            return new Verdict(predicted, sitCode, decision.decisionMs(), decision.evidence().reason(), machineEnd,
                    decision.evidence());
        }
    }
}
