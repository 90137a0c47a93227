package org.opendialer.amd;

import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.amd.progress.SitCode;

/** Everything an {@link AmdDetector} reports. Times are milliseconds of audio since the first frame fed. */
public sealed interface AmdEvent {

    /** Time of the event in milliseconds since the first frame. */
    long atMs();

    /**
     * The one AMD decision of a call.
     *
     * @param confidence in [0, 1]; how far the evidence was from the nearest threshold
     */
    record Decision(AmdResult result, long decisionMs, double confidence, AmdEvidence evidence) implements AmdEvent {
        @Override
        public long atMs() {
            return decisionMs;
        }
    }

    /**
     * End of a machine's greeting, reported only when the detector was asked to keep listening after MACHINE.
     *
     * @param atMs   end of the beep, or the moment the silence/limit was reached
     * @param beepHz beep frequency for {@link MachineEndKind#MACHINE_END_BEEP}, otherwise 0
     */
    record MachineEnd(MachineEndKind kind, long atMs, double beepHz) implements AmdEvent {
    }

    /**
     * A call-progress tone recognised by its frequencies and cadence.
     *
     * @param sitCode      the SIT variant when {@code tone == SIT}, otherwise {@code null}
     * @param frequencyHz  main measured or nominal frequency (first segment for SIT)
     */
    record Tone(CallProgressTone tone, long atMs, SitCode sitCode, double frequencyHz) implements AmdEvent {
    }
}
